// Shared steps of the end-to-end specs: addresses of the two tenants and signing in through the real forms.
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { E2E_PORT, FAKE_PUSH_PORT, FAKE_RESEND_PORT, FAKE_SMS_PORT, PUSH_CERT_FILE } from './ports';

export const PORT = E2E_PORT;
export const DEMO = `http://demo.localhost:${PORT}`;
export const ACME = `http://acme.localhost:${PORT}`;
export const ROOT = `http://localhost:${PORT}`;
/** For direct HTTP calls from the test runner (Node does not resolve *.localhost): send the tenant in the Host header. */
export const LOOPBACK = `http://127.0.0.1:${PORT}`;
export const DEMO_PASSWORD = 'antena-demo';
export const ACME_PASSWORD = 'acme-password-1';

export const STAFF = {
  admin: 'admin@demo.antena.test',
  supervisor: 'supervisor@demo.antena.test',
  operator: 'operador@demo.antena.test',
  technician: 'tecnico@demo.antena.test',
} as const;

/** Signs a staff member in through the sign-in page of `origin`, then waits for the page it lands on. */
export async function signInStaff(page: Page, email: string, password = DEMO_PASSWORD, origin = DEMO, next = '/') {
  await page.goto(`${origin}/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(new RegExp(`${origin.replace(/[.]/g, '\\.')}${next === '/' ? '/?$' : next}`));
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  // Still on the tenant's own subdomain.
  await expect(page).toHaveURL(new RegExp(`^${new URL(page.url()).origin.replace(/[.]/g, '\\.')}/login`));
}

/** The page's own alert (Next.js keeps an empty route announcer with role=alert too). */
export function formAlert(page: Page): Locator {
  return page.getByRole('alert').filter({ hasText: /\S/ });
}

/** Opens the help desk and creates a ticket with a title and a description through the form. */
export async function createTicketInUi(page: Page, title: string, description: string) {
  await page.goto('/tickets');
  await page.getByRole('button', { name: 'Nuevo ticket' }).click();
  const form = page.getByRole('form', { name: 'Nuevo ticket' });
  await form.getByLabel('Descripción').fill(description);
  await form.getByLabel('Completar más datos').check();
  await form.getByLabel('Título').fill(title);
  await form.getByRole('button', { name: 'Crear ticket' }).click();
  await expect(form.getByRole('status')).toHaveText(/Ticket #\d+ creado\./);
}

/**
 * Opens a ticket through the form on /tickets, for a demo customer (found by code) on their first
 * connection, with a title and, optionally, a category and the billable mark.
 */
export async function createTicketOnConnection(page: Page, opts: { code: string; customer: string; title: string; description: string; category?: string; billable?: boolean; connection?: boolean }) {
  const form = page.getByRole('form', { name: 'Nuevo ticket' });
  if (!(await form.isVisible())) await page.getByRole('button', { name: 'Nuevo ticket' }).click();
  await form.getByLabel('Buscar cliente').fill(opts.code);
  await form.getByLabel('Cliente', { exact: true }).selectOption({ label: opts.customer });
  if (opts.connection !== false) await form.getByLabel('Conexión').selectOption({ index: 1 });
  await form.getByLabel('Descripción').fill(opts.description);
  const more = form.getByLabel('Completar más datos');
  if (!(await more.isChecked())) await more.check();
  await form.getByLabel('Título').fill(opts.title);
  if (opts.category) await form.getByLabel('Categoría').selectOption({ label: opts.category });
  if (opts.billable) await form.getByLabel('A facturar').check();
  await form.getByRole('button', { name: 'Crear ticket' }).click();
  await expect(form.getByRole('status')).toHaveText(/Ticket #\d+ creado\./);
}

/** The e-mails the local Resend stand-in has accepted so far (the worker delivers them a moment after the change). */
export async function deliveredEmails(): Promise<{ id: string; body: { to: string[]; subject: string; text: string; html?: string } }[]> {
  const res = await fetch(`http://127.0.0.1:${FAKE_RESEND_PORT}/_delivered`);
  return res.json();
}

/** The SMS the local Twilio stand-in has accepted so far. */
export async function receivedSms(): Promise<{ sid: string; to: string; from: string | null; messagingServiceSid: string | null; body: string }[]> {
  const res = await fetch(`http://127.0.0.1:${FAKE_SMS_PORT}/_received`);
  return res.json();
}

export const PUSH_ORIGIN = `https://127.0.0.1:${FAKE_PUSH_PORT}`;

/** The pushes the local push service has received so far (bodies still encrypted for their device). */
export function receivedPushes(): Promise<{ device: string; body: Buffer }[]> {
  return new Promise((resolve, reject) => {
    https
      .get(`${PUSH_ORIGIN}/_received`, { ca: readFileSync(PUSH_CERT_FILE, 'utf8') }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const list = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { device: string; body: string }[];
          resolve(list.map((r) => ({ device: r.device, body: Buffer.from(r.body, 'base64') })));
        });
      })
      .on('error', reject);
  });
}

/** A phone's browser (the technician app and the portal are mobile first). */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'es-AR' } as const;

/** A JPEG "photo" drawn in the page's browser (a canvas), as a file for an input: no file on disk. */
export async function cameraPhoto(page: Page, name: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const base64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(1200, 900);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#3366aa';
    ctx.fillRect(0, 0, 1200, 900);
    ctx.fillStyle = '#ffcc00';
    ctx.fillRect(100, 100, 400, 300);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 })).arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  return { name, mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}

/** Calls a tRPC procedure from the page, with its cookies (Node cannot resolve *.localhost; the browser can). */
export async function trpc(page: Page, path: string, input: unknown, method: 'GET' | 'POST' = 'POST') {
  return page.evaluate(
    async ({ path, input, method }) => {
      const res =
        method === 'GET'
          ? await fetch(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
          : await fetch(`/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: input }) });
      return { status: res.status, body: await res.json() };
    },
    { path, input, method },
  );
}

/** The demo technician's phone, signed in, the app loaded once online and controlled by its service worker (ready to go offline). */
export async function technicianPhone(browser: Browser): Promise<{ context: BrowserContext; tech: Page }> {
  const context = await browser.newContext(PHONE);
  const tech = await context.newPage();
  await signInStaff(tech, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await tech.evaluate(() => navigator.serviceWorker.ready);
  await tech.reload();
  await expect.poll(() => tech.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(tech.getByRole('status').filter({ hasText: 'Todo sincronizado' })).toBeVisible();
  return { context, tech };
}

/** María, the demo customer, signs in to the portal with her tax id and lands on its home. */
export async function signInDemoCustomer(page: Page) {
  await page.goto(`${DEMO}/portal/login`);
  await page.getByLabel('Número de documento').fill('30.123.456');
  await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page).toHaveURL(/\/portal\/?$/);
}

/**
 * The phone apps (/tech, /portal) set their text in the system's sans-serif: the page still declares
 * the back office's typeface (its @font-face rules are in every document), but loads none of its files.
 */
export async function expectSystemTypeface(page: Page, heading: Locator): Promise<void> {
  const faces = await page.evaluate(async () => {
    await document.fonts.ready;
    const all: { family: string; status: string }[] = [];
    document.fonts.forEach((face) => all.push({ family: face.family, status: face.status }));
    return all;
  });
  expect(faces.some((f) => f.family.includes('Inter'))).toBe(true);
  expect(faces.filter((f) => f.status !== 'unloaded')).toEqual([]);
  expect(await heading.evaluate((h) => getComputedStyle(h).fontFamily)).not.toContain('Inter');
}
