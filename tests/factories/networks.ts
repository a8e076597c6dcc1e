import { getPrisma } from '@/lib/db';
import type { AccountLinkReason } from '@/lib/generated/prisma/enums';

/** Links two accounts as the links worker would (stored once per pair and reason, smaller id first). */
export async function linkAccounts(x: string, y: string, reason: AccountLinkReason = 'shared_content_url', detail = 'https://files.example/shared'): Promise<void> {
  const [accountAId, accountBId] = x < y ? [x, y] : [y, x];
  await getPrisma().accountLink.create({ data: { accountAId, accountBId, reason, detail } });
}
