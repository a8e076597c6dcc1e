import { afterAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/health/route';

describe('GET /api/health', () => {
  const globals = globalThis as unknown as { tcPrisma?: { $disconnect(): Promise<void> } };
  const realUrl = process.env.DATABASE_URL!;

  afterAll(async () => {
    await globals.tcPrisma?.$disconnect();
    globals.tcPrisma = undefined;
    process.env.DATABASE_URL = realUrl;
  });

  it('answers 200 when the database answers', async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers 503 when the database does not', async () => {
    await globals.tcPrisma?.$disconnect();
    globals.tcPrisma = undefined;
    const url = new URL(realUrl);
    url.port = '1'; // nothing listens on port 1
    process.env.DATABASE_URL = url.toString();
    const response = await GET();
    expect(response.status).toBe(503);
    expect((await response.json()).database).toBe('down');
  });
});
