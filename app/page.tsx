import { redirect } from 'next/navigation';

/** The public entry point is the report form. */
export default function Home(): never {
  redirect('/report');
}
