// G3 as people see it: the office assigns a ticket and the grid's "Estado del trabajo" column (shown
// through the column preference) says Asignado; the technician finishes it on the phone and it says
// Completado, there and in the grid; a ticket whose agreed visit has passed is Vencido once the expiry
// job runs (the e2e server runs it every second: E2E_WORK_EXPIRY_MS, tests/e2e/server.ts).
import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, PHONE, STAFF, signInStaff, trpc } from './helpers';

test.describe.configure({ timeout: 180_000 });

/** A tRPC call from the signed-in page, answering its data. */
async function call<T>(page: Page, path: string, input: unknown, method: 'GET' | 'POST' = 'POST'): Promise<T> {
  const { status, body } = (await trpc(page, path, input, method)) as { status: number; body: { result: { data: { json: T } } } };
  expect(status, `${path}: ${JSON.stringify(body)}`).toBe(200);
  return body.result.data.json;
}

/** The default hidden columns (src/server/services/preferences/preferences.ts), which the other specs expect. */
const DEFAULT_HIDDEN = ['complexity', 'billable', 'opened', 'lastStatus', 'visit', 'company', 'callNumber', 'closed', 'productsTotal', 'cost', 'collected', 'workStatus'];

/** Yesterday in the demo tenant's zone (Buenos Aires). */
function yesterdayInBuenosAires(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Argentina/Buenos_Aires', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() - 86_400_000));
}

function gridCell(page: Page, title: string) {
  return page.getByRole('row').filter({ hasText: title }).getByTestId('work-status');
}

test('assigned in the office, completed in the app, expired once the visit passed: the work-status column and badges follow', async ({ browser, page }) => {
  const stamp = Date.now() % 100000;
  const title = `Estado del trabajo ${stamp}`;
  await signInStaff(page, STAFF.operator);
  // The column is hidden by default: shown through the same preference "Columnas" sets.
  await call(page, 'preferences.set', { key: 'tickets.hiddenColumns', value: DEFAULT_HIDDEN.filter((c) => c !== 'workStatus') });
  const customers = await call<{ items: { id: string; code: string }[] }>(page, 'customers.list', { query: '1001', page: 1, pageSize: 5 }, 'GET');
  const customerId = customers.items.find((c) => c.code === '1001')!.id;
  const { id } = await call<{ id: string }>(page, 'tickets.create', { title, description: 'Revisar la ONT.', customerId });

  // Not assigned yet: Por asignar. The office assigns it in the ticket's form.
  await page.goto(`${DEMO}/tickets?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole('columnheader', { name: 'Estado del trabajo' })).toBeVisible();
  await expect(gridCell(page, title)).toHaveText('Por asignar');
  await page.goto(`${DEMO}/tickets/${id}`);
  const edit = page.getByRole('form', { name: 'Datos del ticket' });
  await edit.getByLabel('Asignado a').selectOption({ label: 'Tomás Técnico' });
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Asignado a: Tomás Técnico')).toBeVisible();
  await expect(page.getByTestId('work-status')).toHaveText('Asignado');
  await page.goto(`${DEMO}/tickets?q=${encodeURIComponent(title)}`);
  await expect(gridCell(page, title)).toHaveText('Asignado');

  // The technician, on a phone, finishes it from the update sheet.
  const context = await browser.newContext(PHONE);
  const tech = await context.newPage();
  await signInStaff(tech, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await expect(tech.getByRole('status').filter({ hasText: 'Todo sincronizado' })).toBeVisible();
  await tech.goto(`${DEMO}/tech?ticket=${id}`);
  await expect(tech.getByRole('heading', { level: 1 })).toContainText(title);
  await expect(tech.getByTestId('work-status')).toHaveText('Asignado');
  await tech.getByRole('button', { name: 'Actualizar el ticket' }).click();
  const sheet = tech.getByRole('form', { name: /Actualizar el ticket #\d+/ });
  await sheet.getByLabel('Estado').selectOption({ label: 'Resuelto' });
  await sheet.getByRole('button', { name: 'Guardar' }).click();
  await expect(sheet).toBeHidden();
  // G11: finishing asks for the customer's signature; this customer does not sign.
  await tech.getByRole('dialog', { name: /Firma del cliente/ }).getByRole('button', { name: 'Cancelar' }).click();
  await expect(tech.getByTestId('queued-change')).toHaveCount(0, { timeout: 20_000 });
  await expect(tech.getByRole('status').filter({ hasText: 'Todo sincronizado' })).toBeVisible({ timeout: 20_000 });
  await tech.getByRole('tab', { name: 'Detalle' }).click();
  await expect(tech.getByTestId('work-status')).toHaveText('Completado', { timeout: 20_000 });
  await context.close();
  await page.goto(`${DEMO}/tickets?tab=FINISHED&q=${encodeURIComponent(title)}`);
  await expect(gridCell(page, title)).toHaveText('Completado');

  // A ticket whose agreed visit ended yesterday: the job expires it within seconds.
  const late = `Visita vencida ${stamp}`;
  const config = await call<{ technicians: { id: string; name: string }[] }>(page, 'ticketConfig.get', undefined, 'GET');
  const technician = config.technicians.find((t) => t.name === 'Tomás Técnico')!;
  const expired = await call<{ id: string }>(page, 'tickets.create', { title: late, description: 'Nadie fue.', customerId, assigneeId: technician.id, visit: { date: yesterdayInBuenosAires(), from: '09:00', to: '11:00' } });
  await expect(async () => {
    await page.goto(`${DEMO}/tickets?q=${encodeURIComponent(late)}`);
    await expect(gridCell(page, late)).toHaveText('Vencido', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.goto(`${DEMO}/tickets/${expired.id}`);
  await expect(page.getByTestId('work-status')).toHaveText('Vencido');
  await page.getByRole('tab', { name: 'Historial' }).click();
  await expect(page.getByRole('list', { name: 'Historial' }).getByText('Estado del trabajo: «Asignado» → «Vencido»')).toBeVisible();

  // The operator's columns back to what the other specs expect.
  await call(page, 'preferences.set', { key: 'tickets.hiddenColumns', value: DEFAULT_HIDDEN });
});
