import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { findGuardBypasses, guardBypassMessage } from './guard-bypass';

/**
 * At start (web server and worker): outside demo mode, a database role that can get around the
 * audit log's guards (lib/audit/guard-bypass.ts) stops the process with a message saying what to
 * change. A database that does not answer yet is checked again until it does, meanwhile serving.
 */
export async function refuseGuardBypassingRole(prisma: PrismaClient, config: { TC_DEMO: boolean }): Promise<void> {
  let problems: string[];
  try {
    problems = await findGuardBypasses((sql) => prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql));
  } catch (error) {
    console.error(`Could not check the database role's privileges yet (${error instanceof Error ? error.message : error}); retrying in 5 s.`);
    setTimeout(() => void refuseGuardBypassingRole(prisma, config), 5_000).unref();
    return;
  }
  if (problems.length === 0) return;
  if (config.TC_DEMO) {
    console.warn(`Demo mode: the database role can get around the audit guards (${problems.join('; ')}).`);
    return;
  }
  console.error(guardBypassMessage(problems));
  process.exit(1);
}
