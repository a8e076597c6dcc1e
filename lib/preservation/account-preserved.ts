import 'server-only';
import { getPrisma, type Tx } from '@/lib/db';
import { holdInForce } from './start-hold';

/** Whether a hold is in force on the account now, outside any transaction (the case page). */
export async function accountPreserved(accountId: string, now = new Date()): Promise<boolean> {
  return holdInForce(getPrisma() as unknown as Tx, accountId, now);
}
