// zod issues → translated, per-field messages. Schemas state rules; this says them in the
// caller's language. A refinement names its own message with `message: 'validation.<key>'`, and a
// custom issue may give that message its `params`.
import type { z } from 'zod';
import type { Locale } from '@/lib/format';
import { translateError } from './catalog';

type Issue = z.core.$ZodIssue;

export function issueMessage(locale: Locale, issue: Issue): string {
  const t = (key: string, params?: Record<string, string | number>) => translateError(locale, `validation.${key}`, params);
  if (issue.message?.startsWith('validation.')) {
    const params = issue.code === 'custom' ? (issue.params as Record<string, string | number> | undefined) : undefined;
    return translateError(locale, issue.message, params);
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? t('required') : t('invalidType');
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t('required') : t('tooShort', { min: Number(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set') return t('tooFewItems', { min: Number(issue.minimum) });
      return t('tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('tooLong', { max: Number(issue.maximum) });
      if (issue.origin === 'array' || issue.origin === 'set') return t('tooManyItems', { max: Number(issue.maximum) });
      return t('tooBig', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('email');
      if (issue.format === 'uuid' || issue.format === 'guid') return t('invalidId');
      return t('format');
    case 'invalid_value':
      return t('invalidOption');
    case 'unrecognized_keys':
      return t('unknownFields', { fields: issue.keys.join(', ') });
    default:
      return t('invalid');
  }
}

/** Field path → first message, e.g. { "emails.1": "Correo electrónico no válido" }. */
export function fieldMessages(locale: Locale, issues: readonly Issue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_';
    out[path] ??= issueMessage(locale, issue);
  }
  return out;
}
