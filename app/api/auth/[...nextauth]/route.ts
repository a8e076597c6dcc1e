import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/auth-options';
import { requestIsHttps } from '@/lib/auth/cookie-security';

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: NextRequest, context: Context): Promise<Response> {
  return NextAuth(request, context, authOptions({ secure: requestIsHttps(request.headers) }));
}

export { handler as GET, handler as POST };
