import { NotFoundMessage } from '@/components/ui/not-found-message';

/** notFound() in a public page (e.g. an unknown receipt), rendered inside the public layout. */
export default function PublicNotFound() {
  return <NotFoundMessage />;
}
