// Demo data for a first look: staff sign-ins and a queue of reports about fictional accounts.
// Reports go through the real intake (acceptReport), so the cases, scores and audit entries are
// exactly what production would hold.
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { acceptReport } from '@/lib/reports/accept-report';
import type { HarmCategory } from '@/lib/reports/categories';
import { ZReportInput } from '@/lib/reports/schema';
import { keyedHash } from '@/lib/security/client-source';
import { hashPassword } from '@/lib/staff/password';

export const DEMO_STAFF = [
  { email: 'moderator@demo.triage', name: 'Morgan Moderator', role: 'moderator', password: 'demo-moderator-pass' },
  { email: 'moderator2@demo.triage', name: 'Sam Second', role: 'moderator', password: 'demo-moderator-pass' },
  { email: 'supervisor@demo.triage', name: 'Sasha Supervisor', role: 'supervisor', password: 'demo-supervisor-pass' },
  { email: 'admin@demo.triage', name: 'Alex Admin', role: 'admin', password: 'demo-admin-pass' },
] as const;

type DemoReport = { handle: string; category: HarmCategory; reporters: number; dangerNow?: boolean; text: string; links?: string[] };

const DEMO_REPORTS: DemoReport[] = [
  { handle: 'sunny_daze_42', category: 'grooming', reporters: 4, text: 'Keeps messaging my 12-year-old asking to meet after school and to keep it secret.' },
  { handle: 'trade.room.99', category: 'child_sexual_imagery', reporters: 6, text: 'Posting links to an album they describe as photos of young children.', links: ['https://files.example/album/77'] },
  { handle: 'quickcash_k', category: 'sextortion', reporters: 2, dangerNow: true, text: 'Threatening my son to post his pictures unless he pays by tonight. He is 14.' },
  { handle: 'modelscout_real', category: 'trafficking', reporters: 3, text: 'Offering "modelling jobs" abroad to girls who list their age as 15.' },
  { handle: 'spamking', category: 'other_abuse', reporters: 1, text: 'Mass spam with adult links in replies.' },
  { handle: 'lonelyguy_77', category: 'obscene_material_to_child', reporters: 2, text: 'Sent explicit pictures to my daughter (13) in direct messages.' },
  { handle: 'gamer_buddy_x', category: 'grooming', reporters: 1, text: 'Asks kids in a game community to move to private chat and send photos.' },
  { handle: 'night.owl.22', category: 'other_child_harm', reporters: 1, text: 'Encouraging self-harm in comments under a teenager’s posts.' },
];

/**
 * Demo staff (with the published passwords above) are created only in demo mode; `npm start -- --seed`
 * against a real database gets the demo reports and no known passwords.
 */
export async function seedDemoData(
  prisma: PrismaClient,
  secret: string,
  options: { withDemoStaff: boolean },
): Promise<{ staff: number; reports: number }> {
  for (const person of options.withDemoStaff ? DEMO_STAFF : []) {
    await prisma.staff.upsert({
      where: { email: person.email },
      update: {},
      create: { email: person.email, name: person.name, role: person.role, passwordHash: await hashPassword(person.password) },
    });
  }

  let reports = 0;
  for (const [index, demo] of DEMO_REPORTS.entries()) {
    for (let r = 0; r < demo.reporters; r++) {
      const report = ZReportInput.parse({
        account: { handle: demo.handle },
        category: demo.category,
        dangerNow: Boolean(demo.dangerNow) && r === 0,
        description: demo.text,
        contentUrls: demo.links ?? [],
        reporter: { country: ['GB', 'US', 'DE', 'IE'][r % 4] },
      });
      const source = keyedHash(secret, 'source', `demo:${index}:${r}`);
      await acceptReport(report, { channel: 'web', sourceHash: source, reporterFingerprint: source });
      reports++;
    }
  }
  return { staff: options.withDemoStaff ? DEMO_STAFF.length : 0, reports };
}

/** Demo data goes only into an empty database (no staff, no reports): seeded once, never over real data. */
export async function hasBeenSeeded(prisma: PrismaClient): Promise<boolean> {
  const [staff, reports] = await Promise.all([prisma.staff.count(), prisma.report.count()]);
  return staff > 0 || reports > 0;
}
