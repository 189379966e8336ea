import { normalizeText } from '@/lib/text';

/** What the trigram index searches: name, code, tax id (digits only) and e-mails, accent-free and lower-cased. */
export function customerSearchText(c: { name: string; code: string; taxId?: string | null; emails?: readonly string[] }): string {
  return normalizeText([c.name, c.code, c.taxId ?? '', ...(c.emails ?? [])].join(' '));
}
