import type { Metadata } from 'next';
import { HashListImportForm } from '@/components/hash-lists/import-form';
import { HashListHistory } from '@/components/hash-lists/import-history';
import { HashListsTable } from '@/components/hash-lists/lists-table';
import { requirePageRole } from '@/lib/auth/guards';
import { listHashLists } from '@/lib/hashes/list-hash-lists';
import { CONSOLE_UPLOAD_MAX_BYTES, PDQ_DISTANCE_DEFAULT, PDQ_DISTANCE_MAX } from '@/lib/hashes/schema';
import { HARM_CATEGORIES } from '@/lib/reports/categories';
import { retireHashListAction } from './actions';

export const metadata: Metadata = { title: 'Hash lists' };

export default async function HashListsPage() {
  await requirePageRole('admin', '/console/hash-lists');
  const { lists, imports } = await listHashLists();

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Hash lists</h1>
        <p className="mt-1 max-w-3xl text-slate-700 dark:text-slate-300">
          Known-content hashes that reports are matched against: MD5, SHA-1, SHA-256 and PhotoDNA exactly, PDQ within each list’s
          distance. Only the hashes are kept — never a file, never media. Every import, replacement and retirement is recorded in the
          audit log.
        </p>
      </div>
      <HashListsTable lists={lists} retire={retireHashListAction} />
      <HashListImportForm
        categories={HARM_CATEGORIES}
        maxBytes={CONSOLE_UPLOAD_MAX_BYTES}
        pdqDistanceDefault={PDQ_DISTANCE_DEFAULT}
        pdqDistanceMax={PDQ_DISTANCE_MAX}
        existingNames={lists.filter((l) => l.status === 'active').map((l) => l.name)}
      />
      <HashListHistory imports={imports} />
    </div>
  );
}
