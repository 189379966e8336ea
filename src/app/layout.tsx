import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { messagesFor, pickMessages } from '@/i18n/catalog';
import { ROOT_NAMESPACES } from '@/i18n/client-namespaces';
import type { Locale } from '@/lib/format';
import '@fontsource-variable/inter';
import './globals.css';

export const metadata: Metadata = { title: { default: 'Antena', template: '%s · Antena' }, description: 'Help desk y servicio técnico para ISPs' };
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1d5fd6' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        {/* Each area hands the browser its own messages (src/components/shell/area-messages.tsx). */}
        <NextIntlClientProvider messages={pickMessages(messagesFor(locale as Locale), ROOT_NAMESPACES)}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
