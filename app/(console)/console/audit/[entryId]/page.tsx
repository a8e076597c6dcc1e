import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AuditEntryDetail } from '@/components/audit/audit-entry-detail';
import { getAuditEntry } from '@/lib/audit/list-audit-entries';
import { ZAuditCursor } from '@/lib/audit/list-filter';
import { requirePageRole } from '@/lib/auth/guards';
import { newRequestId } from '@/lib/http/respond';

export const metadata: Metadata = { title: 'Audit entry' };

export default async function AuditEntryPage({ params }: { params: Promise<{ entryId: string }> }) {
  const { entryId } = await params;
  const staff = await requirePageRole('supervisor', `/console/audit/${encodeURIComponent(entryId.toWellFormed())}`);
  const id = ZAuditCursor.safeParse(entryId);
  if (!id.success || id.data === undefined) notFound();
  const entry = await getAuditEntry({ actor: staff, id: id.data, requestId: newRequestId() });
  if (!entry) notFound();
  return (
    <div className="space-y-6">
      <Link href="/console/audit" className="underline">
        Back to the audit log
      </Link>
      <AuditEntryDetail entry={entry} />
    </div>
  );
}
