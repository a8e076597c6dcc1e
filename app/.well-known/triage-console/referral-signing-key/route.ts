import { newRequestId, errorResponse, json } from '@/lib/http/respond';
import { publicKeyringDocument } from '@/lib/referrals/public-keyring';
import { signingKeyPath } from '@/lib/referrals/settings';
import { readPublicKeyring } from '@/lib/referrals/signing-key';

export const dynamic = 'force-dynamic';

const CACHE = { 'Cache-Control': 'public, max-age=300' };

/**
 * The public halves of the packet-signing keys, for hotlines and anyone verifying a packet: JSON
 * with the current and every retired key and their key IDs (the default), or one key as PEM
 * (`?format=pem` or `Accept: application/x-pem-file`; the current key, or `&keyId=` for another).
 */
export async function GET(request: Request): Promise<Response> {
  const requestId = newRequestId();
  try {
    const keys = await readPublicKeyring(signingKeyPath());
    const url = new URL(request.url);
    const wantsPem = url.searchParams.get('format') === 'pem' || /application\/x-pem-file/.test(request.headers.get('accept') ?? '');
    if (!wantsPem) return json(publicKeyringDocument(keys), 200, CACHE);
    const keyId = url.searchParams.get('keyId');
    const key = keyId ? keys.find((k) => k.keyId === keyId) : keys[0];
    if (!key) return json({ error: 'not_found', message: 'No signing key has that key ID.' }, 404, { 'X-Request-Id': requestId });
    return new Response(key.publicPem, { headers: { 'Content-Type': 'application/x-pem-file; charset=utf-8', 'X-Key-Id': key.keyId, ...CACHE } });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
