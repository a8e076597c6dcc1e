/**
 * Runs once when the server starts: refuse to serve on an invalid configuration (for example a
 * missing secret in production) instead of failing on the first request. Node.js runtime only.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { checkConfigurationAtStartup } = await import('@/lib/config/check-at-startup');
  checkConfigurationAtStartup();
}
