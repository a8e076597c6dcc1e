/**
 * Runs once when the server starts: refuse to serve on an invalid configuration (for example a
 * missing secret in production) or with a database role that can bypass the audit guards instead of failing on the first request, and warm up the
 * referral builders (NCMEC's schema, the PDF fonts) in the background so the first referral export is as fast as the rest. Node.js runtime only.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { checkConfigurationAtStartup } = await import('@/lib/config/check-at-startup');
  checkConfigurationAtStartup();
  // Outside demo mode, refuse a database role that could rewrite the audit log (docs/decisions/0014).
  const [{ refuseGuardBypassingRole }, { getPrisma }, config] = await Promise.all([
    import('@/lib/audit/check-role-at-startup'),
    import('@/lib/db'),
    import('@/lib/config').then((m) => m.getConfig()),
  ]);
  await refuseGuardBypassingRole(getPrisma(), config);
  const [{ resolveXsdPath }, { warmUpReferralBuilders }] = await Promise.all([
    import('@/lib/referrals/validate-ncmec-xml'),
    import('@/lib/referrals/warm-up-builders'),
  ]);
  void warmUpReferralBuilders(resolveXsdPath(config.NCMEC_XSD_PATH)).catch((error: unknown) => console.error('Warming up the referral builders failed', error));
}
