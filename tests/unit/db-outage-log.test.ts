import { afterEach, describe, expect, it, vi } from 'vitest';
import { isConnectionLost, isDatabaseUnavailable, noteDatabaseDown, noteDatabaseUp } from '@/lib/db-outage';

// How a lost connection reaches the app through Prisma's pg adapter: a message that starts with a
// blank line, the driver's words last, and the pg error as the adapter error's cause.
const prismaError = Object.assign(new Error('\nInvalid `prisma.$queryRawUnsafe()` invocation:\n\n\nRaw query failed. Code: `57P01`. Message: `terminating connection due to administrator command`'), {
  code: 'P2010',
  meta: { driverAdapterError: { cause: { originalCode: '57P01', kind: 'postgres' } } },
});
const lostConnection = Object.assign(new Error('\nInvalid `prisma.$queryRawUnsafe()` invocation:\n\n\nConnection terminated unexpectedly'), { code: 'P2010' });

afterEach(() => {
  vi.restoreAllMocks();
  noteDatabaseUp();
});

describe('database outage notes', () => {
  it("logs the driver's reason for an outage, not the blank first line of Prisma's message", () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    noteDatabaseDown(prismaError);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]![0])).toContain('terminating connection due to administrator command');
  });

  it('tells a lost connection (the outcome unknown) from a refusal and from a timeout', () => {
    expect(isDatabaseUnavailable(prismaError)).toBe(true);
    expect(isConnectionLost(prismaError)).toBe(false);
    expect(isConnectionLost(lostConnection)).toBe(true);
    expect(isConnectionLost(new Error('Query read timeout'))).toBe(false);
    expect(isConnectionLost(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(false);
  });
});
