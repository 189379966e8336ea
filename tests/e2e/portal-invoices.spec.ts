// F4/F10 on a phone, as the demo customer María Fernández (1001): her invoices with search, one
// invoice's view with the payments that settled it, her account statement with the figures the office
// sees, and a PDF attached by the office downloaded — then the admin switches the statement and the
// downloads off in Settings → "App y portal": the page follows, and the server refuses the PDF too.
import { expect, test, type Page } from '@playwright/test';
import { makeZip } from '../factories/zip';
import { DEMO, DEMO_PASSWORD, PHONE, STAFF, signInStaff } from './helpers';

test.describe.configure({ timeout: 150_000 });

const money = (amount: number) => new Intl.NumberFormat('es-AR', { style: 'currency', currency: 'ARS' }).format(amount);
const PDF = Buffer.from('%PDF-1.4\n% factura del portal\n%%EOF\n');

type Billing = { debt: number; overdueDebt: number; balance: number; invoices: { id: string; number: string; period: string | null; balance: number; status: string }[] };

/** A tRPC query from the page (the browser resolves *.localhost; Node's request context does not). */
async function query<T>(page: Page, path: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ({ path, input }) => (await (await fetch(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)).json()).result.data.json,
    { path, input },
  ) as Promise<T>;
}

async function setSwitches(admin: Page, statement: boolean, download: boolean) {
  await admin.goto(`${DEMO}/settings/portal`);
  const form = admin.getByRole('form', { name: 'Facturas en el portal' });
  await form.getByLabel('Permitir ver la cuenta corriente').setChecked(statement);
  await form.getByLabel('Permitir ver y descargar el PDF de las facturas').setChecked(download);
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(form.getByText('Cambios guardados')).toBeVisible();
}

test('a customer sees her invoices, her statement and a PDF on the phone; each switch off, the server refuses too', async ({ browser }) => {
  const admin = await browser.newPage();
  await signInStaff(admin, STAFF.admin);
  await setSwitches(admin, true, true);
  const customers = await query<{ items: { id: string; code: string }[] }>(admin, 'customers.list', { query: '1001', page: 1, pageSize: 5 });
  const customerId = customers.items.find((c) => c.code === '1001')!.id;
  const billing = await query<Billing>(admin, 'billing.customer', { customerId });
  const latest = billing.invoices[0]!;
  const paid = billing.invoices.find((i) => i.status === 'PAID')!;
  // The office attaches the latest invoice's PDF (a zip named by invoice number).
  const zip = [...makeZip([{ name: `${latest.number}.pdf`, bytes: PDF }])];
  const upload = await admin.evaluate(async (bytes) => {
    const body = new FormData();
    body.set('file', new Blob([new Uint8Array(bytes)], { type: 'application/zip' }), 'facturas.zip');
    const res = await fetch('/api/import/invoice-pdfs', { method: 'POST', body });
    return { status: res.status, text: await res.text() };
  }, zip);
  expect(upload.status, upload.text).toBe(200);

  const context = await browser.newContext(PHONE);
  const phone = await context.newPage();
  await phone.goto(`${DEMO}/portal/login`);
  await phone.getByLabel('Número de documento').fill('30.123.456');
  await phone.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await phone.getByRole('button', { name: 'Ingresar' }).click();
  await expect(phone.getByRole('heading', { name: 'Hola, María Fernández' })).toBeVisible();
  await phone.getByRole('navigation', { name: 'Secciones del portal' }).getByRole('link', { name: 'Facturas' }).click();
  await expect(phone).toHaveURL(/\/portal\/invoices$/);

  // The statement: the office's figures.
  await expect(phone.getByTestId('portal-debt')).toHaveText(money(billing.balance));
  await expect(phone.getByTestId('portal-overdue')).toHaveText(money(billing.overdueDebt));
  await phone.getByText(/Ver la cuenta corriente/).click();
  await expect(phone.getByRole('list', { name: 'Cuenta corriente' }).getByRole('listitem').first()).toContainText(`Factura ${latest.number}`);

  // The list, searched by period; one invoice's view with what settled it.
  const list = phone.getByRole('list', { name: 'Mis facturas' });
  await expect(list.getByRole('listitem')).toHaveCount(billing.invoices.length);
  await phone.getByLabel('Buscar facturas').fill(paid.period!);
  await expect(list.getByRole('listitem')).toHaveCount(billing.invoices.filter((i) => i.period === paid.period).length);
  await list.getByRole('button', { name: `Ver B ${paid.number}` }).click();
  await expect(phone.getByTestId('invoice-view').getByTestId('invoice-balance')).toHaveText(money(0));
  await expect(phone.getByRole('list', { name: 'Pagos aplicados' }).getByRole('listitem')).toHaveCount(1);

  // The latest invoice's PDF, downloaded.
  await phone.getByLabel('Buscar facturas').fill(latest.number);
  await expect(list.getByRole('listitem')).toHaveCount(1);
  const [download] = await Promise.all([phone.waitForEvent('download'), list.getByRole('link', { name: `Descargar B ${latest.number}` }).click()]);
  expect(download.suggestedFilename()).toBe(`${latest.number}.pdf`);
  const saved = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of saved) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks)).toEqual(PDF);
  // Mobile first: nothing wider than the phone.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // Both switches off: no statement, no PDF links — and the server refuses the PDF itself.
  await setSwitches(admin, false, false);
  try {
    await phone.reload();
    await expect(phone.getByRole('list', { name: 'Mis facturas' })).toBeVisible();
    await expect(phone.getByRole('heading', { name: 'Estado de cuenta' })).toHaveCount(0);
    await expect(phone.getByRole('link', { name: /Descargar/ })).toHaveCount(0);
    const refused = await phone.evaluate(async (id) => {
      const res = await fetch(`/api/portal/invoices/${id}/pdf`);
      return { status: res.status, message: ((await res.json()) as { error: { message: string } }).error.message };
    }, latest.id);
    expect(refused).toEqual({ status: 403, message: 'Tu proveedor no habilitó la descarga de facturas en el portal.' });
  } finally {
    await setSwitches(admin, true, true);
  }
  await context.close();
});
