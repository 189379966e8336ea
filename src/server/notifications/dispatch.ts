// Outbox → messages. The worker claims unprocessed outbox events (SKIP LOCKED, so several workers
// share them), decides who is told what by the tenant's rules (D1, D2), renders each message, and in
// the same transaction writes the messages, their delivery jobs, and marks the events processed. A
// crash before the commit leaves the events to be claimed again; an event handled twice makes no
// second message (unique per event, channel and recipient).
//
// Who is told what — each switchable in the tenant's settings (notifications, techApp):
//   ticket.created    push to every technician or only the assignee (E8), within their working hours
//   ticket.assigned   e-mail to the technician; a push too when it is a reassignment (a new ticket's push is the rule above)
//   ticket.stateChanged  by a technician: e-mail to the office (the area's address, else the tenant's);
//                     any: the customer is told (push; e-mail when the customer opened the ticket)
//   ticket.commented  public, by staff: the customer is told likewise; by the customer: push to the assignee and the office
//   ticket.visitProposed / ticket.visitAgreed  G5: the other side is told (the customer: e-mail with the answering link, push)
//   ticket.started    G10: the assignee gets the appointment (push, e-mail)
//   ticket.expired    G3, the agreed visit passed unfinished (the expiry job): push to the assignee and the office;
//                     e-mail to the office (the area's address, else the tenant's) — each switchable
//   ticket.finished / ticket.closed  the customer is e-mailed what the operator chose in the ticket's view (the
//                     closing comment, the work history, or both); and with the tenant's switch on, the work
//                     history (public entries only) goes anyway, once per ticket (C10)
// Internal notes write no outbox event at all, so nothing here can tell a customer about one.
// A person the rule names directly (the assignee, the customer) always gets a log entry — not sent,
// with the reason, when they have no address or device; broadcasts (every technician, the office)
// reach the devices there are.
import type PgBoss from 'pg-boss';
import { Prisma } from '@/generated/prisma/client';
import { tenantOrigin } from '@/env';
import { formatDateTime, intlLocale, isLocale, type Locale } from '@/lib/format';
import { nextWorkingInstant } from '@/lib/working-hours';
import { translator } from '@/i18n/catalog';
import { db } from '@/server/db';
import { installationSql } from '@/server/data/sql';
import { readSettings, type TenantSettings } from '@/server/services/tenants/settings';
import { DELIVER_QUEUE, EXPORT_QUEUE, EXPORT_REQUESTED, inTransaction, type DeliverJob, type ExportJob } from './queue';
import { insertMessages, NO_ADDRESS, notSent, pushDrafts, pushDraftsTo, QUEUE_WRITTEN, type Device, type Draft } from './recipients';
import { appointmentEmail, customerUpdateEmail, expiredEmail, officeStateEmail, pushText, surveyPushText, ticketAssignedEmail, ticketClosingEmail, visitAgreedEmail, visitProposalEmail, workHistoryEmail } from './templates';
import { formatVisit } from '@/lib/visits';
import { visitLinkUrl } from '@/server/services/tickets/scheduling';
import { surveyUrl } from '@/server/services/survey/survey';

export type { Draft } from './recipients';

type Tx = Prisma.TransactionClient;
type OutboxRow = { id: string; tenantId: string; type: string; payload: Record<string, unknown>; createdAt: Date };
type Payload = {
  ticketId: string;
  actorId?: string;
  assigneeId?: string;
  atCreation?: boolean;
  commentId?: string;
  from?: string | null;
  to?: string | null;
  stage?: string;
  byCustomer?: boolean;
  /** G5: which side proposed or accepted a visit. */
  side?: 'OFFICE' | 'CUSTOMER';
  /** G3: when the expired ticket's visit ended (ISO). */
  visitEnd?: string;
  /** C10: what the operator chose to e-mail when finishing or closing from the ticket's view. */
  closing?: { commentId: string | null; emailComment: boolean; emailHistory: boolean };
};
type Tenant = { id: string; name: string; slug: string; locale: Locale; timeZone: string; country: string; settings: TenantSettings };

const TICKET_SELECT = {
  id: true,
  tenantId: true,
  number: true,
  title: true,
  description: true,
  channel: true,
  customerId: true,
  assigneeId: true,
  stage: true,
  workStatus: true,
  closedAt: true,
  customer: { select: { id: true, name: true, emails: true } },
  connection: { select: { address: true } },
  state: { select: { name: true } },
  area: { select: { email: true } },
  visitStart: true,
  visitEnd: true,
  proposedStart: true,
  proposedEnd: true,
  proposalNote: true,
  proposedBy: true,
  proposedAt: true,
} as const satisfies Prisma.TicketSelect;
type Ticket = Prisma.TicketGetPayload<{ select: typeof TICKET_SELECT }>;

const USER_SELECT = { id: true, tenantId: true, name: true, email: true, role: true, active: true, locale: true } as const satisfies Prisma.UserSelect;
type User = Prisma.UserGetPayload<{ select: typeof USER_SELECT }>;

/**
 * What a batch reads once for all its events — their tickets, the people they name, those people's
 * devices — so a batch of 200 events costs a handful of queries, not a few per event.
 */
type Batch = {
  tickets: Map<string, Ticket>;
  users: Map<string, User>;
  /** Devices by owner (`u:<id>` or `c:<id>`), oldest first; an owner read with none maps to []. */
  devices: Map<string, Device[]>;
  /** Marks rules leave for later events of the batch (the work history goes once). */
  seen: Set<string>;
  /** Per tenant, its active staff who have a device (the broadcasts' audience), read at most once. */
  reachable: Map<string, Promise<Reachable[]>>;
};
type Reachable = { id: string; name: string; locale: string | null; role: User['role'] };

/** What one event's rule sees: the batch's transaction and reads, the event, its tenant and its ticket. */
type Ctx = { tx: Tx; event: OutboxRow; p: Payload; tenant: Tenant; ticket: Ticket; batch: Batch };

const CUSTOMER_CHANNELS = new Set(['PORTAL', 'CUSTOMER_APP']);

function brandOf(tenant: Tenant, locale: Locale = tenant.locale) {
  return { tenantName: tenant.name, color: tenant.settings.branding.color, locale };
}

function base(ctx: Ctx, locale: Locale) {
  return { tenantId: ctx.tenant.id, reason: ctx.event.type, eventId: ctx.event.id, ticketId: ctx.ticket.id, customerId: ctx.ticket.customerId, locale };
}

async function staffMember(ctx: Ctx, id: string | null | undefined): Promise<User | null> {
  if (!id) return null;
  const known = ctx.batch.users.get(id);
  if (known) return known.tenantId === ctx.tenant.id ? known : null;
  return ctx.tx.user.findFirst({ where: { tenantId: ctx.tenant.id, id }, select: USER_SELECT });
}

/** The tenant's active staff with a device, read once per batch; their devices join the batch's. */
function reachableStaff(ctx: Ctx): Promise<Reachable[]> {
  let found = ctx.batch.reachable.get(ctx.tenant.id);
  if (!found) {
    found = ctx.tx.user
      .findMany({
        where: { tenantId: ctx.tenant.id, active: true, pushSubscriptions: { some: {} } },
        select: { id: true, name: true, locale: true, role: true, pushSubscriptions: { orderBy: { createdAt: 'asc' }, select: { id: true, label: true } } },
      })
      .then((users) =>
        users.map(({ pushSubscriptions, ...user }) => {
          ctx.batch.devices.set(`u:${user.id}`, pushSubscriptions);
          return user;
        }),
      );
    ctx.batch.reachable.set(ctx.tenant.id, found);
  }
  return found;
}

/** A person's push drafts, from the batch's devices when it read them. */
async function pushFor(ctx: Ctx, person: { userId: string; name: string } | { customerId: string; name: string }, draft: Parameters<typeof pushDraftsTo>[2]) {
  const devices = ctx.batch.devices.get('userId' in person ? `u:${person.userId}` : `c:${person.customerId}`);
  return devices ? pushDraftsTo(devices, person, draft) : pushDrafts(ctx.tx, person, draft);
}

const localeOf = (tenant: Tenant, own?: string | null): Locale => (isLocale(own) ? own : tenant.locale);

/** E8: a push to technicians waits for their working hours. */
function technicianSchedule(ctx: Ctx): Pick<Draft, 'scheduledFor'> {
  const at = nextWorkingInstant(new Date(), ctx.tenant.timeZone, ctx.tenant.settings.techApp.workingHours);
  return at.getTime() > Date.now() ? { scheduledFor: at } : {};
}

async function pushToUser(
  ctx: Ctx,
  user: { id: string; name: string; locale: string | null },
  kind: Parameters<typeof pushText>[1],
  link: string,
  extra: Partial<Draft> = {},
  params: { excerpt?: string; slot?: string } = {},
) {
  const locale = localeOf(ctx.tenant, user.locale);
  return pushFor(ctx, { userId: user.id, name: user.name }, { ...base(ctx, locale), ...pushText(locale, kind, { number: ctx.ticket.number, title: ctx.ticket.title, ...params }), link, ...extra });
}

/** H5: the survey link of a ticket that is (still) closed and has a customer; null otherwise. */
async function surveyFor(ctx: Ctx): Promise<string | null> {
  const { ticket, tenant } = ctx;
  if (ticket.stage !== 'CLOSED' || !ticket.closedAt || !ticket.customer) return null;
  return surveyUrl(tenant, ticket.id, ticket.closedAt);
}

/**
 * The customer of the ticket is told of a public update: push always (if on), e-mail when they opened the ticket.
 * H5: closing it, both carry the satisfaction survey's link.
 */
async function tellCustomer(ctx: Ctx, update: { comment?: { author: string; body: string }; state?: string; survey?: string | null }): Promise<Draft[]> {
  const { ticket, tenant } = ctx;
  const customer = ticket.customer;
  if (!customer) return [];
  const rules = tenant.settings.notifications;
  // F11: the customer lands on the ticket's own page in the portal.
  const url = `${tenantOrigin(tenant.slug)}/portal/tickets/${ticket.id}`;
  const drafts: Draft[] = [];
  if (rules.pushCustomerUpdates) {
    const text = update.comment
      ? pushText(tenant.locale, 'customerComment', { number: ticket.number, title: ticket.title, excerpt: update.comment.body })
      : update.survey
        ? surveyPushText(tenant.locale, { number: ticket.number, title: ticket.title, state: update.state ?? '' })
        : pushText(tenant.locale, 'customerState', { number: ticket.number, title: ticket.title, state: update.state });
    drafts.push(...(await pushFor(ctx, { customerId: customer.id, name: customer.name }, { ...base(ctx, tenant.locale), ...text, link: update.survey ?? url })));
  }
  if (rules.emailCustomerUpdates && CUSTOMER_CHANNELS.has(ticket.channel)) {
    const { survey, ...change } = update;
    const rendered = customerUpdateEmail(brandOf(tenant), { customer: customer.name, number: ticket.number, title: ticket.title, ...change, url, survey });
    drafts.push(emailTo(ctx, customer.emails[0], customer.name, tenant.locale, rendered, url));
  }
  return drafts;
}

/** An e-mail draft; without an address it is logged as not sent, in the recipient's name. */
function emailTo(ctx: Ctx, address: string | undefined, name: string, locale: Locale, rendered: { subject: string; text: string; html: string }, link: string): Draft {
  const draft: Draft = { ...base(ctx, locale), channel: 'EMAIL', recipient: address || name, ...rendered, link };
  return address ? draft : { ...draft, ...notSent(NO_ADDRESS) };
}

const RULES: Record<string, (ctx: Ctx) => Promise<Draft[]>> = {
  /** E8: a new ticket → push to every technician, or only to its assignee, within working hours. */
  'ticket.created': async (ctx) => {
    const { tenant, ticket, p } = ctx;
    const mode = tenant.settings.techApp.pushNewTicket;
    if (mode === 'OFF') return [];
    const link = `${tenantOrigin(tenant.slug)}/tech?ticket=${ticket.id}`;
    if (mode === 'ASSIGNEE') {
      // The assignee the ticket was created with (a later reassignment has its own rule).
      const assignee = await staffMember(ctx, p.assigneeId);
      if (!assignee?.active || assignee.id === p.actorId) return [];
      return pushToUser(ctx, assignee, 'newTicket', link, technicianSchedule(ctx));
    }
    const technicians = (await reachableStaff(ctx)).filter((u) => u.role === 'TECHNICIAN' && u.id !== p.actorId);
    return (await Promise.all(technicians.map((u) => pushToUser(ctx, u, 'newTicket', link, technicianSchedule(ctx))))).flat();
  },

  /** D1/D2: a ticket assigned to a technician → e-mail, and a push when reassigned (not self-assigned). */
  'ticket.assigned': async (ctx) => {
    const { tenant, ticket, p } = ctx;
    if (!p.assigneeId || p.assigneeId === p.actorId) return [];
    const user = await staffMember(ctx, p.assigneeId);
    if (!user?.active) return [];
    const rules = tenant.settings.notifications;
    const locale = localeOf(tenant, user.locale);
    const url = `${tenantOrigin(tenant.slug)}/tech?ticket=${ticket.id}`;
    const drafts: Draft[] = [];
    if (rules.emailAssignee) {
      const rendered = ticketAssignedEmail(brandOf(tenant, locale), {
        technician: user.name,
        number: ticket.number,
        title: ticket.title,
        description: ticket.description,
        customer: ticket.customer?.name ?? null,
        address: ticket.connection?.address ?? null,
        url,
      });
      drafts.push({ ...emailTo(ctx, user.email, user.name, locale, rendered, url), userId: user.id });
    }
    if (rules.pushAssignee && !p.atCreation) drafts.push(...(await pushToUser(ctx, user, 'assigned', url, user.role === 'TECHNICIAN' ? technicianSchedule(ctx) : {})));
    return drafts;
  },

  /** D1: a technician's state change → the office; D2: any state change → the customer. */
  'ticket.stateChanged': async (ctx) => {
    const { tenant, ticket, p } = ctx;
    const drafts: Draft[] = [];
    const actor = await staffMember(ctx, p.actorId);
    if (actor?.role === 'TECHNICIAN' && tenant.settings.notifications.emailOfficeOnTechnicianState) {
      const address = ticket.area?.email || tenant.settings.notifications.officeEmail;
      const url = `${tenantOrigin(tenant.slug)}/tickets/${ticket.id}`;
      const rendered = officeStateEmail(brandOf(tenant), { technician: actor.name, number: ticket.number, title: ticket.title, from: p.from ?? null, to: p.to ?? ticket.state.name, customer: ticket.customer?.name ?? null, url });
      drafts.push(emailTo(ctx, address || undefined, translator(tenant.locale, 'notifications')('office'), tenant.locale, rendered, url));
    }
    drafts.push(...(await tellCustomer(ctx, { state: p.to ?? ticket.state.name, survey: p.stage === 'CLOSED' ? await surveyFor(ctx) : null })));
    return drafts;
  },

  /** A public comment: by staff → the customer; by the customer → the assignee and the office (push). */
  'ticket.commented': async (ctx) => {
    const { tx, tenant, p } = ctx;
    const comment = p.commentId
      ? await tx.ticketComment.findFirst({ where: { tenantId: tenant.id, id: p.commentId, public: true }, select: { body: true, author: { select: { name: true } } } })
      : null;
    if (!comment) return [];
    if (!p.byCustomer) return tellCustomer(ctx, { comment: { author: comment.author?.name ?? tenant.name, body: comment.body } });
    if (!tenant.settings.notifications.pushStaffOnCustomerReply) return [];
    return tellStaff(ctx, 'customerReply', { excerpt: comment.body });
  },

  /**
   * G5: a visit proposed. By the ISP's side → the customer: e-mail with the link that answers it without
   * signing in (always, the proposal needs an answer), and a push; by the customer → push to the office
   * and the assignee. A proposal replaced before this ran is not sent (its link would not work).
   */
  'ticket.visitProposed': async (ctx) => {
    const { tenant, ticket, p, event } = ctx;
    if (!ticket.proposedAt || !ticket.proposedStart || !ticket.proposedEnd || ticket.proposedAt.toISOString() !== (event.payload.proposedAt as string | undefined)) return [];
    if (p.side === 'CUSTOMER') return tellStaff(ctx, 'visitProposedByCustomer', { slot: slotOf(ctx, ticket.proposedStart, ticket.proposedEnd) });
    const customer = ticket.customer;
    if (!customer) return [];
    const slot = slotOf(ctx, ticket.proposedStart, ticket.proposedEnd);
    const url = await visitLinkUrl(tenant, ticket.id, ticket.proposedAt);
    const drafts: Draft[] = [];
    if (tenant.settings.notifications.pushCustomerUpdates) {
      drafts.push(...(await pushFor(ctx, { customerId: customer.id, name: customer.name }, { ...base(ctx, tenant.locale), ...pushText(tenant.locale, 'visitProposed', { number: ticket.number, title: ticket.title, slot }), link: `${tenantOrigin(tenant.slug)}/portal/tickets/${ticket.id}` })));
    }
    const rendered = visitProposalEmail(brandOf(tenant), { customer: customer.name, number: ticket.number, title: ticket.title, slot, note: ticket.proposalNote, url });
    drafts.push(emailTo(ctx, customer.emails[0], customer.name, tenant.locale, rendered, url));
    return drafts;
  },

  /** G5: a visit agreed. The customer accepted → push to the office and the assignee; the ISP's side accepted → the customer (push, e-mail). */
  'ticket.visitAgreed': async (ctx) => {
    const { tenant, ticket, p } = ctx;
    if (!ticket.visitStart || !ticket.visitEnd) return [];
    const slot = slotOf(ctx, ticket.visitStart, ticket.visitEnd);
    if (p.side === 'CUSTOMER') return tellStaff(ctx, 'visitAgreed', { slot });
    const customer = ticket.customer;
    if (!customer) return [];
    const url = `${tenantOrigin(tenant.slug)}/portal/tickets/${ticket.id}`;
    const drafts: Draft[] = [];
    if (tenant.settings.notifications.pushCustomerUpdates) {
      drafts.push(...(await pushFor(ctx, { customerId: customer.id, name: customer.name }, { ...base(ctx, tenant.locale), ...pushText(tenant.locale, 'visitAgreed', { number: ticket.number, title: ticket.title, slot }), link: url })));
    }
    const rendered = visitAgreedEmail(brandOf(tenant), { customer: customer.name, number: ticket.number, title: ticket.title, slot, url });
    drafts.push(emailTo(ctx, customer.emails[0], customer.name, tenant.locale, rendered, url));
    return drafts;
  },

  /** G10: "Avvia ticket" → the assignee gets the appointment: a push (the app opens the ticket) and an e-mail. */
  'ticket.started': async (ctx) => {
    const { tenant, ticket } = ctx;
    const user = await staffMember(ctx, ticket.assigneeId);
    if (!user?.active || !ticket.visitStart || !ticket.visitEnd) return [];
    const locale = localeOf(tenant, user.locale);
    const slot = formatVisit(ticket.visitStart, ticket.visitEnd, intlLocale(locale, tenant.country), tenant.timeZone);
    const url = `${tenantOrigin(tenant.slug)}/tech?ticket=${ticket.id}`;
    const rendered = appointmentEmail(brandOf(tenant, locale), { technician: user.name, number: ticket.number, title: ticket.title, slot, customer: ticket.customer?.name ?? null, address: ticket.connection?.address ?? null, url });
    return [
      ...(await pushFor(ctx, { userId: user.id, name: user.name }, { ...base(ctx, locale), ...pushText(locale, 'appointment', { number: ticket.number, title: ticket.title, slot }), link: url })),
      { ...emailTo(ctx, user.email, user.name, locale, rendered, url), userId: user.id },
    ];
  },

  /** G3: the agreed visit passed and the ticket is not finished → the assignee and the office (push), the office (e-mail). */
  'ticket.expired': async (ctx) => {
    const { tenant, ticket } = ctx;
    // Expired since, then finished, reopened or unassigned before this ran: nobody needs telling.
    if (ticket.workStatus !== 'EXPIRED') return [];
    const rules = tenant.settings.notifications;
    const drafts: Draft[] = [];
    const assignee = await staffMember(ctx, ticket.assigneeId);
    if (rules.pushStaffOnExpiry) drafts.push(...(await tellStaff(ctx, 'expired', {}, { technicianHours: true })));
    if (rules.emailOfficeOnExpiry) {
      const address = ticket.area?.email || rules.officeEmail;
      const url = `${tenantOrigin(tenant.slug)}/tickets/${ticket.id}`;
      const ended = ctx.p.visitEnd ? formatDateTime(new Date(ctx.p.visitEnd), intlLocale(tenant.locale, tenant.country), tenant.timeZone) : '—';
      const rendered = expiredEmail(brandOf(tenant), { number: ticket.number, title: ticket.title, technician: assignee?.name ?? null, visitEnd: ended, customer: ticket.customer?.name ?? null, url });
      drafts.push(emailTo(ctx, address || undefined, translator(tenant.locale, 'notifications')('office'), tenant.locale, rendered, url));
    }
    return drafts;
  },

  'ticket.finished': (ctx) => closingEmail(ctx),
  'ticket.closed': (ctx) => closingEmail(ctx),
};

/** A slot in the tenant's language and zone. */
function slotOf(ctx: Ctx, start: Date, end: Date): string {
  return formatVisit(start, end, intlLocale(ctx.tenant.locale, ctx.tenant.country), ctx.tenant.timeZone);
}

/**
 * A push about the ticket to the staff working it: the assignee always (logged as not sent without a
 * device), the office those with a device; a technician opens it in the app, the office in the grid's
 * view. With `technicianHours`, a technician's push waits for their working hours (E8).
 */
async function tellStaff(
  ctx: Ctx,
  kind: Parameters<typeof pushText>[1],
  params: { excerpt?: string; slot?: string },
  { technicianHours = false }: { technicianHours?: boolean } = {},
): Promise<Draft[]> {
  const { tenant, ticket } = ctx;
  const assignee = await staffMember(ctx, ticket.assigneeId);
  const office = (await reachableStaff(ctx)).filter((u) => u.role !== 'TECHNICIAN' && u.id !== ticket.assigneeId);
  const staff = [...(assignee?.active ? [assignee] : []), ...office];
  return (
    await Promise.all(
      staff.map((u) => {
        const technician = u.role === 'TECHNICIAN';
        const link = `${tenantOrigin(tenant.slug)}${technician ? `/tech?ticket=${ticket.id}` : `/tickets/${ticket.id}`}`;
        return pushToUser(ctx, u, kind, link, technician && technicianHours ? technicianSchedule(ctx) : {}, params);
      }),
    )
  ).flat();
}

/**
 * C10: finishing or closing → one e-mail to the customer. It carries what the operator chose in the
 * ticket's view — the closing comment (public, read again here: never an internal note), the work
 * history, or both. With the tenant's switch on, the work history goes anyway, once per ticket
 * (finishing, or closing one never finished), whether or not anything was chosen.
 */
async function closingEmail(ctx: Ctx): Promise<Draft[]> {
  const { tx, tenant, ticket, p } = ctx;
  const customer = ticket.customer;
  if (!customer) return [];
  const chosen = p.closing;
  const automatic = tenant.settings.notifications.emailHistoryOnFinish && (await historyNotYetSent(ctx));
  const comment = chosen?.emailComment && chosen.commentId
    ? await tx.ticketComment.findFirst({ where: { tenantId: tenant.id, ticketId: ticket.id, id: chosen.commentId, public: true }, select: { id: true, body: true, author: { select: { name: true } } } })
    : null;
  const withHistory = Boolean(chosen?.emailHistory) || automatic;
  if (!comment && !withHistory) return [];
  ctx.batch.seen.add(`history:${ticket.id}`);
  const url = `${tenantOrigin(tenant.slug)}/portal/tickets/${ticket.id}`;
  // H5: closing, the e-mail asks for the satisfaction survey.
  const survey = ctx.event.type === 'ticket.closed' ? await surveyFor(ctx) : null;
  // The closing comment is in the e-mail on its own; the history leaves it out rather than repeat it.
  const entries = withHistory ? await historyEntries(ctx, comment?.id) : null;
  const rendered = comment
    ? ticketClosingEmail(brandOf(tenant), { customer: customer.name, number: ticket.number, title: ticket.title, state: ticket.state.name, comment: { author: comment.author?.name ?? tenant.name, body: comment.body }, entries, url, survey })
    : workHistoryEmail(brandOf(tenant), { customer: customer.name, number: ticket.number, title: ticket.title, state: ticket.state.name, entries: entries!, url, survey });
  return [emailTo(ctx, customer.emails[0], customer.name, tenant.locale, rendered, url)];
}

/** The automatic work history goes once per ticket: not earlier in this batch, nor by an earlier finishing or closing. */
async function historyNotYetSent(ctx: Ctx): Promise<boolean> {
  const { tx, tenant, ticket } = ctx;
  if (ctx.batch.seen.has(`history:${ticket.id}`)) return false;
  const already = await tx.message.findFirst({ where: { tenantId: tenant.id, ticketId: ticket.id, channel: 'EMAIL', reason: { in: ['ticket.finished', 'ticket.closed'] } }, select: { id: true } });
  return !already;
}

/** C10: the work history as the customer may read it — its opening, its states, its public comments. */
async function historyEntries(ctx: Ctx, exceptCommentId?: string): Promise<{ when: string; text: string }[]> {
  const { tx, tenant, ticket } = ctx;
  const t = translator(tenant.locale, 'notifications');
  const [comments, events] = await Promise.all([
    tx.ticketComment.findMany({
      where: { tenantId: tenant.id, ticketId: ticket.id, public: true, ...(exceptCommentId ? { id: { not: exceptCommentId } } : {}) },
      select: { body: true, createdAt: true, author: { select: { name: true } } },
    }),
    tx.ticketEvent.findMany({ where: { tenantId: tenant.id, ticketId: ticket.id, OR: [{ kind: 'created' }, { kind: 'field', field: 'stateId' }] }, select: { kind: true, newValue: true, createdAt: true } }),
  ]);
  const intl = intlLocale(tenant.locale, tenant.country);
  return [
    ...events.map((e) => ({ at: e.createdAt, text: e.kind === 'created' ? t('history.created') : t('history.state', { state: e.newValue ?? '' }) })),
    ...comments.map((c) => ({ at: c.createdAt, text: t('history.comment', { author: c.author?.name ?? tenant.name, body: c.body }) })),
  ]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((e) => ({ when: formatDateTime(e.at, intl, tenant.timeZone), text: e.text }));
}

/** Messages written by the app (a resend, a manual push): only their delivery jobs are missing. */
function written(event: OutboxRow): string[] {
  return event.type === QUEUE_WRITTEN ? ((event.payload.messageIds as string[] | undefined) ?? []) : [];
}

/** The tenants of a batch, read once each. */
async function tenantsOf(tx: Tx, events: OutboxRow[]): Promise<Map<string, Tenant>> {
  const ids = [...new Set(events.filter((e) => RULES[e.type]).map((e) => e.tenantId))];
  if (ids.length === 0) return new Map();
  const rows = await tx.tenant.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, slug: true, locale: true, timeZone: true, country: true, settings: true } });
  return new Map(rows.map((r) => [r.id, { ...r, locale: isLocale(r.locale) ? r.locale : 'es', settings: readSettings(r.settings) }]));
}

/** Reads, for every event of the batch at once, the tickets, the people named, and their devices. */
async function readBatch(tx: Tx, events: OutboxRow[]): Promise<Batch> {
  const ruled = events.filter((e) => RULES[e.type]);
  const ticketIds = [...new Set(ruled.map((e) => (e.payload as Payload).ticketId).filter(Boolean))];
  const tickets = ticketIds.length ? await tx.ticket.findMany({ where: { id: { in: ticketIds } }, select: TICKET_SELECT }) : [];
  const userIds = new Set<string>();
  for (const e of ruled) {
    const p = e.payload as Payload;
    if (p.actorId) userIds.add(p.actorId);
    if (p.assigneeId) userIds.add(p.assigneeId);
  }
  for (const t of tickets) if (t.assigneeId) userIds.add(t.assigneeId);
  const customerIds = [...new Set(tickets.map((t) => t.customerId).filter((id): id is string => Boolean(id)))];
  const [users, devices] = await Promise.all([
    userIds.size ? tx.user.findMany({ where: { id: { in: [...userIds] } }, select: USER_SELECT }) : [],
    userIds.size || customerIds.length
      ? tx.pushSubscription.findMany({
          where: { OR: [{ userId: { in: [...userIds] } }, { customerId: { in: customerIds } }] },
          orderBy: { createdAt: 'asc' },
          select: { id: true, label: true, tenantId: true, userId: true, customerId: true },
        })
      : [],
  ]);
  const byOwner = new Map<string, Device[]>([...[...userIds].map((id) => [`u:${id}`, []] as [string, Device[]]), ...customerIds.map((id) => [`c:${id}`, []] as [string, Device[]])]);
  for (const d of devices) byOwner.get(d.userId ? `u:${d.userId}` : `c:${d.customerId}`)?.push({ id: d.id, label: d.label });
  return { tickets: new Map(tickets.map((t) => [t.id, t])), users: new Map(users.map((u) => [u.id, u])), devices: byOwner, seen: new Set(), reachable: new Map() };
}

async function draftsFor(tx: Tx, event: OutboxRow, tenants: Map<string, Tenant>, batch: Batch): Promise<Draft[]> {
  const rule = RULES[event.type];
  const tenant = tenants.get(event.tenantId);
  const p = event.payload as Payload;
  if (!rule || !tenant || !p.ticketId) return [];
  const ticket = batch.tickets.get(p.ticketId);
  // A ticket of another tenant never answers an event (ids are global; the event names its tenant).
  if (!ticket || ticket.tenantId !== tenant.id) return [];
  return rule({ tx, event, p, tenant, ticket, batch });
}

/** Claims up to `limit` events and turns them into messages with their delivery jobs; returns how many events it handled. */
export async function dispatchOutbox(boss: PgBoss, limit = 1000): Promise<{ events: number; messages: number }> {
  return db().$transaction(async (tx) => {
    const events = await installationSql.query<OutboxRow[]>(tx, Prisma.sql`
      UPDATE "OutboxEvent" SET "processedAt" = now()
      WHERE id IN (SELECT id FROM "OutboxEvent" WHERE "processedAt" IS NULL ORDER BY "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id, "tenantId", type, payload, "createdAt"`);
    if (events.length === 0) return { events: 0, messages: 0 };
    const [tenants, batch] = await Promise.all([tenantsOf(tx, events), readBatch(tx, events)]);
    // In order, one after the other (a transaction is one connection anyway): rules see earlier events of the batch.
    const drafts: Draft[] = [];
    for (const event of events) drafts.push(...(await draftsFor(tx, event, tenants, batch)));
    const created = await insertMessages(tx, drafts);
    // A message born not sent (no device, no address) is logged, not queued.
    const jobs = [
      ...created.filter((m) => m.status === 'PENDING').map((m) => ({ messageId: m.id, startAfter: m.scheduledFor })),
      ...events.flatMap(written).map((messageId) => ({ messageId, startAfter: null })),
    ];
    await enqueue(boss, tx, jobs);
    // C15: an export asked for in the background becomes its job, in the same transaction.
    const exportJobs = events.filter((e) => e.type === EXPORT_REQUESTED && typeof e.payload.exportId === 'string');
    if (exportJobs.length) {
      await boss.insert(
        exportJobs.map((e) => ({ name: EXPORT_QUEUE, data: { exportId: e.payload.exportId as string, tenantId: e.tenantId } satisfies ExportJob })),
        { db: inTransaction(tx) },
      );
    }
    return { events: events.length, messages: jobs.length };
  });
}

/** Delivery jobs for messages, inside the caller's transaction; a scheduled one starts at its time. */
export async function enqueue(boss: PgBoss, tx: Tx, jobs: { messageId: string; startAfter?: Date | null }[]) {
  if (jobs.length === 0) return;
  await boss.insert(
    jobs.map(({ messageId, startAfter }) => ({ name: DELIVER_QUEUE, data: { messageId } satisfies DeliverJob, ...(startAfter ? { startAfter } : {}) })),
    { db: inTransaction(tx) },
  );
}
