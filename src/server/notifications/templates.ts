// E-mail templates: translated (es, en, it) through the i18n catalogs, in the tenant's name and
// color, as HTML and as plain text. What a template renders is stored with the message, so the log
// shows it as it was sent and a resend sends the same.
import { translator } from '@/i18n/catalog';
import type { Locale } from '@/lib/format';
import { html, httpUrl, oneLine } from './html';

export type Rendered = { subject: string; text: string; html: string };

type Brand = { tenantName: string; color: string; locale: Locale };

const DEFAULT_COLOR = '#1d5fd6';

/**
 * The frame every e-mail shares: the tenant's name on its color, the body, the footer. Every e-mail
 * goes through here, so user text is escaped in one place (`html` escapes whatever it is given), the
 * subject is one line, and the action's link must be http(s).
 */
function layout(brand: Brand, subject: string, paragraphs: string[], action?: { label: string; url: string }): Rendered {
  const t = translator(brand.locale, 'notifications');
  const footer = t('footer', { tenant: brand.tenantName });
  const url = action ? httpUrl(action.url) : null;
  const line = oneLine(subject);
  // Validated when saved; checked again because a CSS value is not made safe by HTML escaping.
  const color = /^#[0-9a-fA-F]{6}$/.test(brand.color) ? brand.color : DEFAULT_COLOR;
  const text = [...paragraphs, ...(action ? [`${action.label}: ${url}`] : []), '—', footer].join('\n\n');
  const body = html`<!doctype html><html lang="${brand.locale}"><head><meta charset="utf-8"><title>${line}</title></head>
<body style="margin:0;background:#f8fafc;font-family:Arial,Helvetica,sans-serif;color:#0f172a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border:1px solid #e2e8f0;border-radius:8px">
<tr><td style="background:${color};color:#ffffff;padding:16px 24px;font-size:18px;font-weight:bold;border-radius:8px 8px 0 0">${brand.tenantName}</td></tr>
<tr><td style="padding:24px;font-size:15px;line-height:1.5">
${paragraphs.map((p, i) => html`${i > 0 ? '\n' : ''}<p style="margin:0 0 12px;white-space:pre-wrap">${p}</p>`)}
${action ? html`<p style="margin:20px 0 0"><a href="${url}" style="background:${color};color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;display:inline-block">${action.label}</a></p>` : ''}
</td></tr>
<tr><td style="padding:12px 24px;font-size:12px;color:#64748b;border-top:1px solid #e2e8f0">${footer}</td></tr>
</table></td></tr></table></body></html>`;
  return { subject: line, text, html: body.markup };
}

/** D1: a ticket was assigned to a technician. */
export function ticketAssignedEmail(
  brand: Brand,
  data: { technician: string; number: number; title: string; description: string; customer: string | null; address: string | null; url: string },
): Rendered {
  const t = translator(brand.locale, 'notifications');
  const subject = t('assigned.subject', { number: data.number, title: data.title });
  const details = [
    t('assigned.greeting', { name: data.technician }),
    t('assigned.body', { number: data.number, title: data.title }),
    [data.customer ? t('assigned.customer', { customer: data.customer }) : null, data.address ? t('assigned.address', { address: data.address }) : null].filter(Boolean).join('\n'),
    data.description,
  ].filter((p) => p !== '');
  return layout(brand, subject, details, { label: t('assigned.open'), url: data.url });
}

/** D1: a technician changed a ticket's state → the office. */
export function officeStateEmail(
  brand: Brand,
  data: { technician: string; number: number; title: string; from: string | null; to: string; customer: string | null; url: string },
): Rendered {
  const t = translator(brand.locale, 'notifications');
  const subject = t('officeState.subject', { number: data.number, technician: data.technician, state: data.to });
  const lines = [
    t('officeState.body', { technician: data.technician, number: data.number, title: data.title }),
    t('officeState.change', { from: data.from ?? '—', to: data.to }),
    data.customer ? t('assigned.customer', { customer: data.customer }) : '',
  ].filter((p) => p !== '');
  return layout(brand, subject, lines, { label: t('assigned.open'), url: data.url });
}

/** G3: a ticket's agreed visit ended before it was finished → the office. */
export function expiredEmail(brand: Brand, data: { number: number; title: string; technician: string | null; visitEnd: string; customer: string | null; url: string }): Rendered {
  const t = translator(brand.locale, 'notifications');
  const subject = t('expired.subject', { number: data.number, title: data.title });
  const lines = [
    t('expired.body', { number: data.number, title: data.title, visitEnd: data.visitEnd }),
    data.technician ? t('expired.technician', { technician: data.technician }) : '',
    data.customer ? t('assigned.customer', { customer: data.customer }) : '',
  ].filter((p) => p !== '');
  return layout(brand, subject, lines, { label: t('assigned.open'), url: data.url });
}

/** D1: a public update of a ticket the customer follows (a public comment or a new state). */
export function customerUpdateEmail(
  brand: Brand,
  data: { customer: string; number: number; title: string; comment?: { author: string; body: string }; state?: string; url: string; survey?: string | null },
): Rendered {
  const t = translator(brand.locale, 'notifications');
  const subject = t('customerUpdate.subject', { number: data.number, title: data.title });
  const lines = [
    t('customerUpdate.greeting', { name: data.customer }),
    data.comment ? t('customerUpdate.comment', { author: data.comment.author, number: data.number }) : t('customerUpdate.state', { number: data.number, state: data.state ?? '' }),
    data.comment?.body ?? '',
    ...surveyLines(brand, data.survey),
  ].filter((p) => p !== '');
  return layout(brand, subject, lines, surveyAction(brand, data.survey) ?? { label: t('customerUpdate.open'), url: data.url });
}

/** C10: the work history (public entries only) when a ticket is finished or closed. */
export function workHistoryEmail(
  brand: Brand,
  data: { customer: string; number: number; title: string; state: string; entries: { when: string; text: string }[]; url: string; survey?: string | null },
): Rendered {
  const t = translator(brand.locale, 'notifications');
  const subject = t('history.subject', { number: data.number, title: data.title });
  const lines = [
    t('customerUpdate.greeting', { name: data.customer }),
    t('history.body', { number: data.number, state: data.state }),
    data.entries.map((e) => `${e.when} — ${e.text}`).join('\n'),
    ...surveyLines(brand, data.survey),
  ].filter((p) => p !== '');
  return layout(brand, subject, lines, surveyAction(brand, data.survey) ?? { label: t('customerUpdate.open'), url: data.url });
}

/** C10: the closing comment the operator chose to e-mail when finishing or closing, with the work history if chosen too. */
export function ticketClosingEmail(
  brand: Brand,
  data: { customer: string; number: number; title: string; state: string; comment: { author: string; body: string }; entries: { when: string; text: string }[] | null; url: string; survey?: string | null },
): Rendered {
  const t = translator(brand.locale, 'notifications');
  const subject = t('closing.subject', { number: data.number, title: data.title });
  const lines = [
    t('customerUpdate.greeting', { name: data.customer }),
    t('closing.body', { number: data.number, title: data.title, state: data.state }),
    t('closing.comment', { author: data.comment.author }),
    data.comment.body,
    ...(data.entries ? [t('closing.history'), data.entries.map((e) => `${e.when} — ${e.text}`).join('\n')] : []),
    ...surveyLines(brand, data.survey),
  ].filter((p) => p !== '');
  return layout(brand, subject, lines, surveyAction(brand, data.survey) ?? { label: t('customerUpdate.open'), url: data.url });
}

/** H5: a closing e-mail asks for the satisfaction survey (its signed link is the e-mail's button). */
function surveyLines(brand: Brand, survey: string | null | undefined): string[] {
  return survey ? [translator(brand.locale, 'survey')('emailAsk')] : [];
}

function surveyAction(brand: Brand, survey: string | null | undefined): { label: string; url: string } | null {
  return survey ? { label: translator(brand.locale, 'survey')('emailAction'), url: survey } : null;
}

/** H5: the push that tells the customer their ticket was closed and asks them to rate it (its link is the survey). */
export function surveyPushText(locale: Locale, data: { number: number; title: string; state: string }): { subject: string; text: string } {
  const t = translator(locale, 'survey');
  return { subject: t('pushTitle', { number: data.number, state: data.state }), text: t('pushBody', { title: data.title }) };
}

/**
 * G5: the ISP's side proposes a visit's slot: the customer accepts it or proposes another through
 * the link (no sign-in), which works for this proposal only, once.
 */
export function visitProposalEmail(brand: Brand, data: { customer: string; number: number; title: string; slot: string; note: string | null; url: string }): Rendered {
  const t = translator(brand.locale, 'notifications');
  const subject = t('visitProposal.subject', { number: data.number, title: data.title });
  const lines = [t('customerUpdate.greeting', { name: data.customer }), t('visitProposal.body', { number: data.number, title: data.title, slot: data.slot }), data.note ?? '', t('visitProposal.how')].filter((p) => p !== '');
  return layout(brand, subject, lines, { label: t('visitProposal.action'), url: data.url });
}

/** G5: the customer's proposal was accepted by the ISP's side: the visit is agreed. */
export function visitAgreedEmail(brand: Brand, data: { customer: string; number: number; title: string; slot: string; url: string }): Rendered {
  const t = translator(brand.locale, 'notifications');
  const subject = t('visitAgreed.subject', { number: data.number, title: data.title });
  const lines = [t('customerUpdate.greeting', { name: data.customer }), t('visitAgreed.body', { number: data.number, title: data.title, slot: data.slot })];
  return layout(brand, subject, lines, { label: t('customerUpdate.open'), url: data.url });
}

/** G10: "Avvia ticket" — the technician's appointment. */
export function appointmentEmail(brand: Brand, data: { technician: string; number: number; title: string; slot: string; customer: string | null; address: string | null; url: string }): Rendered {
  const t = translator(brand.locale, 'notifications');
  const subject = t('appointment.subject', { number: data.number, slot: data.slot });
  const lines = [
    t('appointment.greeting', { name: data.technician }),
    t('appointment.body', { number: data.number, title: data.title, slot: data.slot }),
    data.customer ? t('appointment.customer', { customer: data.customer }) : '',
    data.address ? t('appointment.address', { address: data.address }) : '',
  ].filter((p) => p !== '');
  return layout(brand, subject, lines, { label: t('appointment.open'), url: data.url });
}

/** Push texts: short, the ticket's number first. */
export function pushText(
  locale: Locale,
  kind: 'assigned' | 'newTicket' | 'customerComment' | 'customerState' | 'customerReply' | 'visitProposed' | 'visitProposedByCustomer' | 'visitAgreed' | 'appointment' | 'expired',
  data: { number: number; title: string; state?: string; excerpt?: string; slot?: string },
): { subject: string; text: string } {
  const t = translator(locale, 'notifications');
  const excerpt = data.excerpt && data.excerpt.length > 140 ? `${data.excerpt.slice(0, 139)}…` : data.excerpt;
  const params = { number: data.number, title: data.title, state: data.state ?? '', excerpt: excerpt ?? '', slot: data.slot ?? '' };
  return { subject: t(`push.${kind}.title`, params), text: t(`push.${kind}.body`, params) };
}

/**
 * F2/F8: the link that lets a customer set their portal password ("primer ingreso / olvidé mi
 * contraseña"). The customer's name is theirs, escaped as all user text; the link expires and works once.
 */
export function portalAccessEmail(brand: Brand, data: { customer: string; url: string; minutes: number }): Rendered {
  const t = translator(brand.locale, 'notifications');
  const subject = t('portalAccess.subject', { tenant: brand.tenantName });
  const lines = [t('customerUpdate.greeting', { name: data.customer }), t('portalAccess.body', { tenant: brand.tenantName }), t('portalAccess.expires', { minutes: data.minutes }), t('portalAccess.ignore')];
  return layout(brand, subject, lines, { label: t('portalAccess.action'), url: data.url });
}

/** F2: the SMS with the code a customer without e-mail types in the portal to set their password. */
export function portalAccessSms(locale: Locale, data: { tenant: string; code: string; minutes: number }): string {
  return translator(locale, 'notifications')('portalAccess.sms', data);
}
