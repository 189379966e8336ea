// The messages an area's pages hand to the browser (next-intl's client provider): the whole catalog,
// or only the namespaces named (src/i18n/client-namespaces.ts). The root layout hands almost none.
import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { messagesFor, pickMessages } from '@/i18n/catalog';
import type { Locale } from '@/lib/format';

export async function AreaMessages({ namespaces, children }: { namespaces?: readonly string[]; children: ReactNode }) {
  if (!namespaces) return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
  const locale = (await getLocale()) as Locale;
  return <NextIntlClientProvider messages={pickMessages(messagesFor(locale), namespaces)}>{children}</NextIntlClientProvider>;
}
