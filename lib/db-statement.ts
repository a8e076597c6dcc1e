/**
 * A parameterised SQL statement that both Prisma (`$queryRawUnsafe(text, ...values)`) and `pg`
 * (`query(text, values)`) can run. The intake benchmark runs the very same statements through
 * bare `pg` to measure the database's own ceiling.
 */
export type Statement = { text: string; values: unknown[] };

/** Builds a statement from named parameters: `sql('... $handle ...', { handle })` → `$1`. */
export function statement(text: string, params: Record<string, unknown>): Statement {
  const order: string[] = [];
  const sqlText = text.replace(/\$([a-zA-Z][a-zA-Z0-9_]*)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`SQL parameter $${name} has no value`);
    let index = order.indexOf(name);
    if (index < 0) index = order.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text: sqlText, values: order.map((name) => params[name]) };
}
