import { Prisma } from '@/lib/generated/prisma/client';

type Sql = Prisma.Sql;
const { sql, join, raw } = Prisma;

/** One column of a queue order: `c.<name>`, descending or not, and the cursor's value for it. */
export type OrderKey = { name: string; desc: boolean; value: Sql };

/**
 * The ids of one keyset page of open cases, in an order of key groups: the keys of a group share
 * one direction (compared together as a row), groups may differ. A btree index ordered like the
 * keys cannot answer "after this position" with one row comparison when directions are mixed, so
 * "after" is one index range scan per group — equal on the groups before it, past the cursor on it —
 * merged in order; each scan starts exactly at the cursor, so page 2,000 costs what page 1 costs.
 * `before` walks the same scans backwards (the page ending just before the position, in reverse
 * order). Without a position: the first page.
 */
export function keysetPageIds(args: {
  where: Sql;
  groups: OrderKey[][];
  position: 'after' | 'before' | null;
  limit: number;
}): Sql {
  const keys = args.groups.flat();
  const reverse = args.position === 'before';
  const orderBy = (prefix: string) =>
    join(keys.map((k) => raw(`${prefix}${k.name} ${k.desc !== reverse ? 'DESC' : 'ASC'}`)), ', ');
  if (!args.position) {
    return sql`SELECT c.id FROM cases c WHERE ${args.where} ORDER BY ${orderBy('c.')} LIMIT ${args.limit}`;
  }
  const columns = join([raw('c.id'), ...keys.filter((k) => k.name !== 'id').map((k) => raw(`c.${k.name}`))], ', ');
  const scans = args.groups.map((group, i) => {
    const equal = args.groups.slice(0, i).flat().map((k) => sql`c.${raw(k.name)} = ${k.value}`);
    // Descending keys come after the cursor when smaller; walking backwards flips both.
    const op = raw(group[0]!.desc !== reverse ? '<' : '>');
    const past =
      group.length === 1
        ? sql`c.${raw(group[0]!.name)} ${op} ${group[0]!.value}`
        : sql`(${join(group.map((k) => raw(`c.${k.name}`)), ', ')}) ${op} (${join(group.map((k) => k.value), ', ')})`;
    return sql`(SELECT ${columns} FROM cases c WHERE ${args.where} AND ${join([...equal, past], ' AND ')}
      ORDER BY ${orderBy('c.')} LIMIT ${args.limit})`;
  });
  return sql`${join(scans, ' UNION ALL ')} ORDER BY ${orderBy('')} LIMIT ${args.limit}`;
}
