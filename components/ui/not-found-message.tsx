import Link from 'next/link';
import { MessageBody } from './message-page';

const link = 'font-semibold text-blue-800 underline underline-offset-2 dark:text-sky-300';

/** "Page not found", pointing to the two things a visitor most likely wanted. */
export function NotFoundMessage() {
  return (
    <MessageBody title="We can’t find that page">
      <p>The address may be mistyped, or the page may no longer exist.</p>
      <p>
        If you were looking for a report you sent, you can{' '}
        <Link href="/report/status" className={link}>
          check its status with your reference
        </Link>
        . To tell us about an account,{' '}
        <Link href="/report" className={link}>
          make a new report
        </Link>
        .
      </p>
    </MessageBody>
  );
}
