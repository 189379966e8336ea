// Tenant switches kept in Tenant.settings (JSON), with their defaults. Later features add sections.
import { z } from 'zod';
import { ZPortalTicketSettings } from './portal-ticket-settings-schema';

export const PORTAL_LOGIN_FIELDS = ['TAX_ID', 'CODE', 'EMAIL'] as const;
export type PortalLoginField = (typeof PORTAL_LOGIN_FIELDS)[number];

/**
 * D6: who an SMS is from — a phone number in E.164, an alphanumeric sender id (up to 11 letters,
 * digits or spaces, with a letter; where the carrier allows it), or a Twilio Messaging Service SID.
 */
export const ZSmsSender = z
  .string()
  .trim()
  .regex(/^(\+[1-9]\d{6,14}|(?=[A-Za-z0-9 ]*[A-Za-z])[A-Za-z0-9 ]{1,11}|MG[0-9a-fA-F]{32})$/, { message: 'validation.smsSender' });

/** F8: the longest welcome or info message. */
export const PORTAL_MESSAGE_MAX = 1000;

/**
 * A portal message as saved: plain text — the portal and the e-mails show it as text, never markup —
 * trimmed, with line breaks kept (as \n), no other control characters, at most PORTAL_MESSAGE_MAX characters.
 */
export const ZPortalMessage = z
  .string()
  .transform((text) => text.replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .max(PORTAL_MESSAGE_MAX)
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u0008\u000b-\u001f\u007f]*$/, { message: 'validation.controlCharacters' }),
  );

/** F3: the longest payment promise a tenant may allow, and the longest cool-down. */
export const PROMISE_MAX_DAYS = 60;
export const PROMISE_MAX_COOL_DOWN = 730;

export const ZTenantSettings = z.object({
  portal: z
    .object({
      /** F1: what the customer types as "user" at /portal. */
      loginField: z.enum(PORTAL_LOGIN_FIELDS).default('TAX_ID'),
      /** F2: deleted customers may still sign in. */
      allowDeleted: z.boolean().default(false),
      /** F8: shown once, on the customer's first sign-in (plain text; empty: none). Lenient when read (see ZPortalMessage for saving). */
      welcomeMessage: z.string().catch('').default(''),
      /** F8: the info/contact message behind the portal's info icon (plain text; empty: none). */
      infoMessage: z.string().catch('').default(''),
    })
    .prefault({}),
  /** F4/F10: what customers see of their invoices in the portal and app. */
  portalInvoices: z
    .object({
      /** F4 "Permitir ver cuenta corriente": the account statement (every invoice and payment with the running balance). */
      showStatement: z.boolean().default(true),
      /** F4 "Permitir descargar FX": an invoice's PDF can be viewed and downloaded. */
      allowDownload: z.boolean().default(true),
    })
    .prefault({}),
  /** F5–F7: the portal's and app's tickets (see ../portal/ticket-settings.ts). */
  portalTickets: ZPortalTicketSettings.prefault({}),
  /** The tenant's color in e-mails and the apps' chrome. */
  branding: z
    .object({ color: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#1d5fd6') })
    .prefault({}),
  /** D1/D2: who is told what; each rule can be switched off. */
  notifications: z
    .object({
      /** A ticket assigned to a technician: e-mail to the technician. */
      emailAssignee: z.boolean().default(true),
      /** A ticket assigned to a technician (after its creation): push to the technician. */
      pushAssignee: z.boolean().default(true),
      /** A technician changes a ticket's state: e-mail to the office (the ticket's area's address, else `officeEmail`). */
      emailOfficeOnTechnicianState: z.boolean().default(true),
      officeEmail: z.email().or(z.literal('')).default(''),
      /** A ticket the customer opened (portal, app): its public updates e-mailed to the customer. */
      emailCustomerUpdates: z.boolean().default(true),
      /** A public comment or state change: push to the customer. */
      pushCustomerUpdates: z.boolean().default(true),
      /** C10: finishing or closing e-mails the work history (public entries only) to the customer. */
      emailHistoryOnFinish: z.boolean().default(false),
      /** A customer's reply: push to the assignee and the operators. */
      pushStaffOnCustomerReply: z.boolean().default(true),
      /** G3: a ticket's agreed visit ended before it was finished: push to the assignee and the office. */
      pushStaffOnExpiry: z.boolean().default(true),
      /** G3: the same, e-mailed to the office (the ticket's area's address, else `officeEmail`). */
      emailOfficeOnExpiry: z.boolean().default(true),
    })
    .prefault({}),
  /** E8: the technician app. */
  techApp: z
    .object({
      /** E8 "Ven todos los tickets": technicians see every ticket, not only those assigned to them. */
      seeAllTickets: z.boolean().default(false),
      /** E8 "Ver solamente tickets abiertos": technicians stop seeing a ticket once it is closed. */
      onlyOpenTickets: z.boolean().default(false),
      /** E8 "Filtrar localidades / técnicos / categoría / estado": the filters the app's ticket list offers. */
      filterLocality: z.boolean().default(true),
      filterTechnician: z.boolean().default(false),
      filterCategory: z.boolean().default(true),
      filterState: z.boolean().default(true),
      /** A new ticket: push to every technician, only to its assignee, or to nobody. */
      pushNewTicket: z.enum(['ALL', 'ASSIGNEE', 'OFF']).default('ASSIGNEE'),
      /** Working hours (HH:MM, the tenant's time zone); pushes to technicians outside them wait for the next start. Empty: always. */
      workingHours: z
        .object({ start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) })
        .nullable()
        .default(null),
    })
    .prefault({}),
  /** F9: paying from the portal — Mercado Pago Checkout Pro (the tenant's own credentials) and the other ways to pay the ISP describes. */
  payments: z
    .object({
      /** "Cobro con botón de pago": the amounts the customer may choose — FREE offers debt, last invoice, total or typed by hand. */
      charge: z.enum(['FREE', 'DEBT', 'INVOICE']).catch('FREE').default('FREE'),
      /** Other ways to pay (transfer, cash at the office …), shown as plain text under "Pagar"; empty: none. */
      otherMethods: z.string().catch('').default(''),
      mercadoPago: z
        .object({
          enabled: z.boolean().catch(false).default(false),
          /** Secrets: never sent to a browser (the settings answer only says whether each is set). */
          accessToken: z.string().catch('').default(''),
          webhookSecret: z.string().catch('').default(''),
        })
        .prefault({}),
    })
    .prefault({}),
  /** F3: the payment promise ("compromiso de pago") customers ask from the portal (src/server/services/promises). */
  promise: z
    .object({
      enabled: z.boolean().default(false),
      /** The most days a promise may last. */
      maxDays: z.number().int().min(1).max(PROMISE_MAX_DAYS).default(4),
      /** Days after a promise before the customer may ask another one (the seed's "días que deben transcurrir para volver a usar"). */
      coolDownDays: z.number().int().min(0).max(PROMISE_MAX_COOL_DOWN).default(30),
    })
    .prefault({}),
  /** D6: SMS for this tenant (the installation's Twilio account); off, or without a sender, nothing is sent. */
  sms: z
    .object({
      enabled: z.boolean().default(false),
      from: ZSmsSender.or(z.literal('')).default(''),
    })
    .prefault({}),
});

export type TenantSettings = z.infer<typeof ZTenantSettings>;

/** Stored settings with defaults filled in; unknown or broken values fall back to defaults rather than failing sign-in. */
export function readSettings(raw: unknown): TenantSettings {
  const parsed = ZTenantSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : ZTenantSettings.parse({});
}
