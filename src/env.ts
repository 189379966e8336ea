// The validated environment. Every variable is optional with a safe default; see .env.example.
import { z } from 'zod';
import proxyaddr from 'proxy-addr';

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** PostgreSQL; unset = `npm start` runs an embedded server and sets it for the app. */
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Signs session cookies; `npm start` generates and keeps one in .antena/ when unset. */
  AUTH_SECRET: z.string().optional(),
  /** Tenants live at <slug>.<ROOT_DOMAIN>; the root domain itself shows the landing page and sign-up. */
  ROOT_DOMAIN: z.string().default('localhost'),
  PORT: z.coerce.number().int().default(3000),
  /**
   * Proxies in front of the app (load balancers) whose X-Forwarded-For, -Proto and -Host are believed:
   * comma-separated IPs, CIDRs (10.0.0.0/8) or proxy-addr's names `loopback`, `linklocal`, `uniquelocal`.
   * The client is the right-most address in X-Forwarded-For that is not one of these. Unset: none — the
   * client is the connection's peer and forwarding headers are dropped (src/server/client-address.ts).
   * Behind a load balancer, name it here, or every client has the balancer's address.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .refine((list) => validProxyList(list), 'must be comma-separated IPs, CIDRs, or loopback / linklocal / uniquelocal'),
  /** http or https, for links the app builds to a tenant's subdomain. */
  PUBLIC_SCHEME: z.enum(['http', 'https']).default('http'),
  /** The port users reach the app on, when a load balancer's differs from PORT (e.g. 443). */
  PUBLIC_PORT: z.coerce.number().int().optional(),
  /**
   * Self-service sign-ups (A1) accepted from one client address per hour, counted in PostgreSQL so
   * every app node shares the count; one more is answered 429. Verification links asked again have
   * their own, fixed limits (src/server/services/tenants/sign-up.ts).
   */
  SIGNUP_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(5),
  /**
   * Hours a new ISP has to verify its admin's e-mail. Until then the tenant is not live; after, the
   * sign-up is deleted (by the worker's cleanup) and its subdomain can be taken again.
   */
  SIGNUP_VERIFY_HOURS: z.coerce.number().int().min(1).max(720).default(48),
  /** Largest accepted upload (CSV import, a ticket's files in one request), in megabytes. */
  MAX_UPLOAD_MB: z.coerce.number().min(1).max(500).default(25),
  /**
   * Largest billing CSV (invoices, payments) sent as the request's body, in megabytes: it is saved to
   * a temporary file as it arrives and read as a stream, so a million rows (≈ 80 MB) fit without the
   * server holding them. A multipart upload is still read into memory within MAX_UPLOAD_MB.
   */
  BILLING_IMPORT_MAX_MB: z.coerce.number().min(1).max(2000).default(200),
  /**
   * C15: an export of up to this many rows downloads at once (streamed); a larger one becomes a
   * background job whose file is e-mailed. Lowered only by tests (and raised by the benchmark, which
   * times the streamed path at 10⁶ rows).
   */
  EXPORT_SYNC_MAX_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  /** C15: how long a background export's file and its e-mailed link last (7 days; tests shorten it to see a link expire). */
  EXPORT_EXPIRY_SECONDS: z.coerce.number().int().min(1).max(30 * 24 * 3600).default(7 * 24 * 3600),
  /** Where `npm start` keeps its data; ticket files go to <ANTENA_DATA_DIR>/files unless FILES_DIR says otherwise. */
  ANTENA_DATA_DIR: z.string().default('.antena'),
  /** Folder for ticket files on local disk (outside public/, served only through /api/files). */
  FILES_DIR: z.string().optional(),
  /** Set: ticket files are stored in UploadThing instead of on local disk. */
  UPLOADTHING_TOKEN: z.string().optional(),
  /** E-mail through Resend; unset = messages are kept in the log as not sent, resendable later. */
  RESEND_API_KEY: z.string().optional(),
  /** Resend's API address (the SDK reads it; tests point it at a local server). */
  RESEND_BASE_URL: z.string().optional(),
  /** The sender of e-mails; the tenant's name is shown as its display name. */
  EMAIL_FROM: z.string().default('notificaciones@antena.local'),
  /** Web Push (VAPID) keys; unset = a pair is generated on first start and kept in the database for every process. */
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  /** The contact push services may use about our pushes (mailto: or https:); default mailto:EMAIL_FROM. */
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'must start with mailto: or https://').optional(),
  /** Hosts a device's push endpoint may be on (comma-separated; *.suffix allowed): the browsers' push services by default. */
  PUSH_ENDPOINT_HOSTS: z.string().default('fcm.googleapis.com,*.push.services.mozilla.com,*.notify.windows.com,web.push.apple.com,*.push.apple.com'),
  /** A PEM file of extra certificate authorities trusted for push services (a private push relay; tests' local one). */
  PUSH_CA_FILE: z.string().optional(),
  /** SMS through Twilio (the installation's account; each tenant switches SMS on and names its sender). Unset = SMS kept as not sent. */
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  /** Twilio's API address (tests point it at a local server). */
  TWILIO_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.twilio.com'),
  /** F9: Mercado Pago's API address (the `mercadopago` SDK's AppConfig.BASE_URL; tests point it at a local server). */
  MERCADOPAGO_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.mercadopago.com'),
  /** `npm start` runs the notification worker in its own process unless this is `off` (then run `npm run worker`). */
  WORKER: z.enum(['on', 'off']).default('on'),
  /** A provider call (one e-mail, push or SMS) that has not answered after this long is abandoned and retried. */
  WORKER_SEND_TIMEOUT_SECONDS: z.coerce.number().min(1).max(300).default(15),
  /**
   * A delivery job still running after this long is taken for abandoned (its worker died) and
   * retried. Must exceed the send timeout, so a slow provider is never sent to twice at once.
   */
  WORKER_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  /** How often a worker looks for abandoned jobs (and archives finished ones). */
  WORKER_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /**
   * C6 location map: the tile server's URL template ({z}/{x}/{y}, optionally {s} and {r}), fetched
   * by the browser. An http(s) URL or a path on this site (self-hosted tiles).
   */
  MAP_TILE_URL: z
    .string()
    .trim()
    .regex(/^(https?:\/\/[^\s/]+|\/)[^\s]*$/, 'must be an http(s) URL or a path starting with /')
    .refine((url) => ['{z}', '{x}', '{y}'].every((p) => url.includes(p)), 'must contain {z}, {x} and {y}')
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  /** Credit shown on the map, as the tile provider requires (HTML allowed). */
  MAP_TILE_ATTRIBUTION: z.string().trim().min(1).default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
});

function validProxyList(list: string): boolean {
  const entries = list.split(',').map((entry) => entry.trim()).filter(Boolean);
  try {
    if (entries.length) proxyaddr.compile(entries);
    return true;
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof Env>;

/** Validates a set of variables (process.env at run time; tests pass their own). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return Env.parse(source);
}

let cached: Env | undefined;
export function env(): Env {
  return (cached ??= parseEnv(process.env));
}

/** The public origin of a tenant: http://demo.localhost:3000 in development. */
export function tenantOrigin(slug: string): string {
  return publicOrigin(`${slug}.${env().ROOT_DOMAIN}`);
}

/** The public origin of the root domain (the landing page and sign-up): http://localhost:3000 in development. */
export function rootOrigin(): string {
  return publicOrigin(env().ROOT_DOMAIN);
}

function publicOrigin(host: string): string {
  const e = env();
  const publicPort = e.PUBLIC_PORT ?? e.PORT;
  const port = (e.PUBLIC_SCHEME === 'http' && publicPort === 80) || (e.PUBLIC_SCHEME === 'https' && publicPort === 443) ? '' : `:${publicPort}`;
  return `${e.PUBLIC_SCHEME}://${host}${port}`;
}
