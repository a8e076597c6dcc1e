import type { Metadata } from 'next';
import { MainContent } from '@/components/ui/message-page';
import { NotFoundMessage } from '@/components/ui/not-found-message';
import { SiteFooter } from '@/components/ui/site-footer';
import { SiteHeader } from '@/components/ui/site-header';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Page not found' };

/** Addresses that match no route. (notFound() inside the public pages uses app/(public)/not-found.tsx.) */
export default function NotFound() {
  return (
    <>
      <SiteHeader platformName={getConfig().PLATFORM_NAME} />
      <MainContent>
        <NotFoundMessage />
      </MainContent>
      <SiteFooter />
    </>
  );
}
