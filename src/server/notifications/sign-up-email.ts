// A1: the e-mail that verifies a new ISP's admin address (sign-up.ts writes it with the tenant, the
// worker delivers it). It goes to an address nobody has confirmed yet — anyone can type anyone's —
// so it carries nothing the signer typed freely: no company name, no person's name (which would
// make the sign-up form a way to send one's own text to strangers), only the subdomain, which the
// slug rules keep to letters, digits and hyphens, and the product's own link. Sent in the product's
// name (providers.ts). Still escaped in the HTML, as every e-mail is.
import { translator } from '@/i18n/catalog';
import type { Locale } from '@/lib/format';

/** The reason of the verification e-mail in the message log (and for its sender's name, providers.ts). */
export const VERIFICATION_REASON = 'tenant.verification';

export type RenderedEmail = { subject: string; text: string; html: string };

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const COLOR = '#1d5fd6';

export function signUpVerificationEmail(locale: Locale, data: { host: string; url: string; expires: string }): RenderedEmail {
  const t = translator(locale, 'signup');
  const subject = t('email.subject', { host: data.host });
  const paragraphs = [t('email.greeting'), t('email.body', { host: data.host })];
  const after = [t('email.expires', { date: data.expires }), t('email.ignore')];
  const action = t('email.action');
  const footer = t('email.footer');
  const text = [...paragraphs, `${action}: ${data.url}`, ...after, '—', footer].join('\n\n');
  const p = (line: string) => `<p style="margin:0 0 12px">${escapeHtml(line)}</p>`;
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;background:#f8fafc;font-family:Arial,Helvetica,sans-serif;color:#0f172a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border:1px solid #e2e8f0;border-radius:8px">
<tr><td style="background:${COLOR};color:#ffffff;padding:16px 24px;font-size:18px;font-weight:bold;border-radius:8px 8px 0 0">Antena</td></tr>
<tr><td style="padding:24px;font-size:15px;line-height:1.5">
${paragraphs.map(p).join('\n')}
<p style="margin:20px 0"><a href="${escapeHtml(data.url)}" style="background:${COLOR};color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action)}</a></p>
${after.map(p).join('\n')}
</td></tr>
<tr><td style="padding:12px 24px;font-size:12px;color:#64748b;border-top:1px solid #e2e8f0">${escapeHtml(footer)}</td></tr>
</table></td></tr></table></body></html>`;
  return { subject, text, html };
}
