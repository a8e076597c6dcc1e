import { newRequestId, errorResponse } from '@/lib/http/respond';
import { signingKeyPath } from '@/lib/referrals/settings';
import { getSigningKey } from '@/lib/referrals/signing-key';

export const dynamic = 'force-dynamic';

/** The public half of the packet-signing key (PEM), for hotlines and anyone verifying a packet. */
export async function GET(): Promise<Response> {
  try {
    const key = await getSigningKey(signingKeyPath());
    return new Response(key.publicPem, {
      headers: { 'Content-Type': 'application/x-pem-file; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
    });
  } catch (error) {
    return errorResponse(error, newRequestId());
  }
}
