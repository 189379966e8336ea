// The message catalogs (es, en, it) — one JSON file per namespace under messages/<locale>/ — and a
// translator usable outside React (tRPC errors, imports, e-mail).
import compile from 'icu-minify/compile';
import { createTranslator } from 'next-intl';
import formatMessage from 'use-intl/format-message';
import type { Locale } from '@/lib/format';
import * as es from './messages/es';
import * as en from './messages/en';
import * as it from './messages/it';

export type Messages = typeof es;
export const catalogs: Record<Locale, Messages> = { es, en, it };

type Compiled = { [key: string]: Compiled | ReturnType<typeof compile> };
const compiledCatalogs = new Map<Locale, Compiled>();

function compileTree(tree: Record<string, unknown>): Compiled {
  const out: Compiled = {};
  for (const [key, value] of Object.entries(tree)) out[key] = typeof value === 'string' ? compile(value) : compileTree(value as Record<string, unknown>);
  return out;
}

/** The compiled catalog as plain JSON data: icu-minify makes plural options without a prototype,
 * which React refuses to hand from the server to the browser (next-intl's own loader emits JSON). */
function compiledCatalog(locale: Locale): Compiled {
  return JSON.parse(JSON.stringify(compileTree(catalogs[locale] as unknown as Record<string, unknown>))) as Compiled;
}

/** The catalog with every message compiled by icu-minify, once per process and language. */
export function compiledMessagesFor(locale: Locale): Messages {
  let compiled = compiledCatalogs.get(locale);
  if (!compiled) {
    compiled = compiledCatalog(locale);
    compiledCatalogs.set(locale, compiled);
  }
  return compiled as unknown as Messages;
}

/**
 * Whether this code's message formatter reads precompiled messages. In the app's bundles
 * (next.config.mjs aliases next-intl's formatter to its `format-only` build) it does, and the
 * browser never carries the ICU parser; outside them (the worker, the tests) next-intl formats the
 * source messages. `raw` is how next-intl's own formatters say which they are (format-only cannot
 * give a message's source).
 */
export const PRECOMPILED = (formatMessage as { raw?: boolean }).raw === false;

/** The catalog in the form this code's formatter reads (see PRECOMPILED). */
export function messagesFor(locale: Locale): Messages {
  return PRECOMPILED ? compiledMessagesFor(locale) : catalogs[locale];
}

/** The namespaces of a catalog that `namespaces` names, for a page that hands only those to the browser. */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Partial<Messages> {
  const all = messages as unknown as Record<string, unknown>;
  return Object.fromEntries(namespaces.filter((ns) => ns in all).map((ns) => [ns, all[ns]])) as Partial<Messages>;
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
