// C15: the e-mail that brings a background export's link to the user who asked for it. Their own
// name, the tenant's name and the link; every value escaped in the HTML.
import { translator } from '@/i18n/catalog';
import type { ExportKind } from '@/lib/exports';
import type { Locale } from '@/lib/format';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function exportEmail(locale: Locale, data: { tenant: string; name: string; kind: ExportKind; rows: number; url: string; expires: string }) {
  const t = translator(locale, 'exports');
  const what = t(`kinds.${data.kind}`);
  const subject = t('email.subject', { what });
  const paragraphs = [t('email.greeting', { name: data.name }), t('email.body', { what, count: data.rows }), t('email.expires', { date: data.expires }), t('email.signIn')];
  const action = t('email.action');
  const text = [...paragraphs, `${action}: ${data.url}`, '—', data.tenant].join('\n\n');
  const p = (line: string) => `<p style="margin:0 0 12px">${escapeHtml(line)}</p>`;
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;background:#f8fafc;font-family:Arial,Helvetica,sans-serif;color:#0f172a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border:1px solid #e2e8f0;border-radius:8px">
<tr><td style="padding:24px;font-size:15px;line-height:1.5">
${paragraphs.map(p).join('\n')}
<p style="margin:20px 0"><a href="${escapeHtml(data.url)}" style="background:#1d5fd6;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action)}</a></p>
</td></tr>
<tr><td style="padding:12px 24px;font-size:12px;color:#64748b;border-top:1px solid #e2e8f0">${escapeHtml(data.tenant)}</td></tr>
</table></td></tr></table></body></html>`;
  return { subject, text, html };
}
