// The one password rule (src/server/services/auth/password-policy.ts): 10–200 characters, not in the
// common / breached list of @zxcvbn-ts/language-common (any case), not the person's e-mail, name or login.
import { describe, expect, it } from 'vitest';
import { passwordIssue, ZNewPassword } from '@/server/services/auth/password-policy';

describe('passwordIssue', () => {
  it('refuses the 8-character passwords the review found, and anything under 10 characters', () => {
    for (const p of ['password', '12345678', 'abcdefgh', 'ñandú-123']) expect(passwordIssue(p)).toEqual({ key: 'validation.passwordLength', params: { min: 10 } });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordIssue('😀😀😀😀😀')?.key).toBe('validation.passwordLength');
    expect(passwordIssue('ñandú-ñandú')).toBeNull();
  });

  it('refuses common and breached passwords of 10 or more characters, in any case', () => {
    for (const p of ['password123', 'PASSWORD123', '1234567890', 'QwErTyUiOp', '1q2w3e4r5t', 'basketball']) {
      expect(passwordIssue(p), p).toEqual({ key: 'validation.passwordCommon' });
    }
  });

  it('refuses the person’s own e-mail, its local part, name or login, in any case and spacing', () => {
    const personal = ['valeria.gomez@redvalle.test', 'Valeria Gómez', '30123456789'];
    expect(passwordIssue('Valeria.Gomez@RedValle.test', personal)?.key).toBe('validation.passwordPersonal');
    expect(passwordIssue('valeria.gomez', personal)?.key).toBe('validation.passwordPersonal');
    expect(passwordIssue('VALERIA GÓMEZ', personal)?.key).toBe('validation.passwordPersonal');
    expect(passwordIssue('valeriagómez', personal)?.key).toBe('validation.passwordPersonal');
    expect(passwordIssue('30123456789', personal)?.key).toBe('validation.passwordPersonal');
    expect(passwordIssue('valeria-en-el-valle', personal)).toBeNull();
  });

  it('accepts long uncommon passwords, up to 200 characters', () => {
    for (const p of ['correct-horse-9', 'una-clave-larga', 'x'.repeat(200)]) expect(passwordIssue(p), p).toBeNull();
    expect(passwordIssue('x'.repeat(201))).toEqual({ key: 'validation.tooLong', params: { max: 200 } });
  });

  it('ZNewPassword says it at the edge, as a translated field message key', () => {
    const result = ZNewPassword.safeParse('password123');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('validation.passwordCommon');
    expect(ZNewPassword.safeParse('a-fine-passphrase').success).toBe(true);
  });
});
