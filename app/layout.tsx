import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

const SHIELD_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#1d4ed8" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M12 3 4.5 6v5.5c0 4.6 3.2 8.3 7.5 9.5 4.3-1.2 7.5-4.9 7.5-9.5V6L12 3Z" fill="#fff"/><path d="m8.75 12 2.25 2.25 4.25-4.5"/></svg>';

// Every page reads runtime configuration (the platform's name) and per-request state, so nothing is
// prerendered at build time: one build serves any configuration.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Report a child safety concern', template: '%s' },
  description: 'Report an account that is sharing child sexual abuse material or trying to groom or harm a child.',
  robots: { index: false, follow: false },
  // Never a referrer to other sites. Not 'no-referrer': that makes the browser send `Origin: null`
  // with a form post, and Next.js then refuses the server action, breaking the form without JS.
  referrer: 'same-origin',
  formatDetection: { telephone: false, email: false, address: false },
  // Inline, so the tab shows a shield without another request (the CSP allows data: images).
  icons: { icon: `data:image/svg+xml,${encodeURIComponent(SHIELD_ICON)}` },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0f172a' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col font-sans">
        <a
          href="#main-content"
          className="sr-only z-50 rounded-md bg-white px-4 py-3 font-semibold text-blue-800 underline shadow-lg focus:not-sr-only focus:absolute focus:top-3 focus:left-3 dark:bg-slate-900 dark:text-sky-300"
        >
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
