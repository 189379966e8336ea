// The message catalogs (es, en, it) — one JSON file per namespace under messages/<locale>/ — and a
// translator usable outside React (tRPC errors, imports, e-mail).
import compile from 'icu-minify/compile';
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

type Compiled = { [key: string]: Compiled | ReturnType<typeof compile> };
const compiledCatalogs = new Map<Locale, Compiled>();

function compileTree(tree: Record<string, unknown>): Compiled {
  const out: Compiled = {};
  for (const [key, value] of Object.entries(tree)) out[key] = typeof value === 'string' ? compile(value) : compileTree(value as Record<string, unknown>);
  return out;
}

/**
 * The catalog as the browser's translator reads it: every message compiled once (per process and
 * language) by icu-minify, so the browser's bundle formats with next-intl's small `format-only`
 * formatter instead of carrying the ICU parser (`next.config.mjs` aliases it for browser bundles
 * only; the server keeps formatting the source messages).
 */
export function compiledMessagesFor(locale: Locale): Messages {
  let compiled = compiledCatalogs.get(locale);
  if (!compiled) {
    compiled = compileTree(catalogs[locale] as unknown as Record<string, unknown>);
    compiledCatalogs.set(locale, compiled);
  }
  return compiled as unknown as Messages;
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
