import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/ui/site-footer';
import { SiteHeader } from '@/components/ui/site-header';
import { getConfig } from '@/lib/config';

export function generateMetadata(): Metadata {
  const { PLATFORM_NAME } = getConfig();
  return {
    title: { default: `Report a child safety concern – ${PLATFORM_NAME}`, template: `%s – ${PLATFORM_NAME}` },
  };
}

export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader platformName={getConfig().PLATFORM_NAME} />
      <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-4 py-8 sm:px-6 sm:py-10">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
