// The one rule for a new password, wherever one is set (ISP sign-up, a user created or changed by an
// admin, "change my password", a generated portal password): 10 to 200 characters, not one of the
// ~49,000 common and breached passwords of @zxcvbn-ts/language-common, and not the person's own
// e-mail, name or login — all compared without regard to case.
import { z } from 'zod';
import { dictionary } from '@zxcvbn-ts/language-common';
import { fieldError, type Message } from '@/server/errors';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

let common: Set<string> | undefined;

/** The common-password list, folded once per process. */
function commonPasswords(): Set<string> {
  return (common ??= new Set(dictionary['passwords-common'].map(fold)));
}

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** What a person's password must not be: each value, its spaces removed, and an e-mail's local part. */
function personalForms(personal: readonly (string | null | undefined)[]): Set<string> {
  const forms = new Set<string>();
  for (const value of personal) {
    const folded = fold(value?.trim() ?? '');
    if (!folded) continue;
    forms.add(folded);
    forms.add(folded.replace(/\s+/g, ''));
    const at = folded.lastIndexOf('@');
    if (at > 0) forms.add(folded.slice(0, at));
  }
  return forms;
}

/**
 * Why `password` may not be used, as a message key under `errors.` (null: it may). `personal`: the
 * e-mail, name and login of the person it is for.
 */
export function passwordIssue(password: string, personal: readonly (string | null | undefined)[] = []): Message | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return { key: 'validation.passwordLength', params: { min: PASSWORD_MIN } };
  if (length > PASSWORD_MAX) return { key: 'validation.tooLong', params: { max: PASSWORD_MAX } };
  const folded = fold(password);
  if (commonPasswords().has(folded)) return { key: 'validation.passwordCommon' };
  if (personalForms(personal).has(folded)) return { key: 'validation.passwordPersonal' };
  return null;
}

/** A new password at the edge: length and the common list (the personal check needs the person: assertPasswordAllowed). */
export const ZNewPassword = z.string().superRefine((password, ctx) => {
  const issue = passwordIssue(password);
  if (issue) ctx.addIssue({ code: 'custom', message: issue.key, params: issue.params });
});

/** The whole rule, as a field error of `field`, where the person is known. */
export function assertPasswordAllowed(password: string, personal: readonly (string | null | undefined)[], field = 'password'): void {
  const issue = passwordIssue(password, personal);
  if (issue) throw fieldError(field, issue.key, issue.params);
}
