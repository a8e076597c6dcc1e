import type { Metadata } from 'next';
import Link from 'next/link';
import { MainContent, MessageBody } from '@/components/ui/message-page';

export const metadata: Metadata = { title: 'Not allowed' };

/** 403, from forbidden() (requirePageRole): signed in, but this page needs a higher role. */
export default function Forbidden() {
  return (
    <MainContent>
      <MessageBody title="You don’t have access to this page">
        <p>Your role does not include this part of the console. If you need it for your work, ask an admin.</p>
        <p>
          <Link href="/console" className="font-semibold text-blue-800 underline underline-offset-2 dark:text-sky-300">
            Back to the queue
          </Link>
        </p>
      </MessageBody>
    </MainContent>
  );
}
