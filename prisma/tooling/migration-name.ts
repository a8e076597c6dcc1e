// Pure naming rules for new migration folders, kept apart from the CLI so they are unit-tested.

/** `YYYYMMDDHHMMSS` in UTC, the prefix `prisma migrate dev` uses, so folders sort by creation. */
export function migrationTimestamp(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    String(now.getUTCFullYear()) +
    pad(now.getUTCMonth() + 1) +
    pad(now.getUTCDate()) +
    pad(now.getUTCHours()) +
    pad(now.getUTCMinutes()) +
    pad(now.getUTCSeconds())
  );
}

/** Lower-case snake_case slug; throws on a name with no letters or digits. */
export function migrationSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 100);
  if (slug === '') throw new Error(`Migration name "${name}" has no letters or digits`);
  return slug;
}

export function migrationDirName(name: string, now: Date): string {
  return `${migrationTimestamp(now)}_${migrationSlug(name)}`;
}
