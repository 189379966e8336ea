// The message catalogs (es, en, it) — one JSON file per namespace under messages/<locale>/ — and a
// translator usable outside React (tRPC errors, imports, e-mail).
import { createTranslator } from 'next-intl';
import type { Locale } from '@/lib/format';
import * as es from './messages/es';
import * as en from './messages/en';
import * as it from './messages/it';

export type Messages = typeof es;
export const catalogs: Record<Locale, Messages> = { es, en, it };

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}

/** Translates a key under `errors.`; an unknown key falls back to the generic message rather than leaking the key. */
export function translateError(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const t = createTranslator({ locale, messages: messagesFor(locale) });
  const full = `errors.${key}`;
  return t.has(full as never) ? t(full as never, params as never) : t('errors.unexpected' as never);
}

type Translate = (key: string, params?: Record<string, string | number>) => string;
const translators = new Map<string, Translate>();

/** A translator for one namespace, outside React; made once per language and namespace, so its parsed messages are kept. */
export function translator(locale: Locale, namespace: string): Translate {
  const key = `${locale}:${namespace}`;
  let t = translators.get(key);
  if (!t) {
    t = createTranslator({ locale, messages: messagesFor(locale), namespace: namespace as never }) as unknown as Translate;
    translators.set(key, t);
  }
  return t;
}
