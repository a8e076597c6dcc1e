import { json } from '@/lib/http/respond';
import { databaseAnswers } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** GET /api/health — 200 when the database answers, 503 otherwise. */
export async function GET(): Promise<Response> {
  return (await databaseAnswers())
    ? json({ status: 'ok', database: 'up' }, 200)
    : json({ status: 'unavailable', database: 'down' }, 503);
}
