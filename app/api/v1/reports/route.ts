import { postReport } from '@/lib/reports/intake-endpoint';

export const dynamic = 'force-dynamic';

/** POST /api/v1/reports — the JSON intake API; the handler lives in lib/reports/intake-endpoint.ts. */
export async function POST(request: Request): Promise<Response> {
  return postReport(request);
}
