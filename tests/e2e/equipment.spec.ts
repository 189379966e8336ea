// G7 as people use it: an operator adds a router and a second site to a customer on the customer's
// page and names them on a ticket for the demo technician; the technician, on a phone, sees the site
// and the router on the ticket's Cliente tab and, with no network, corrects the router's serial; back
// online the change is sent, and the office sees the corrected serial — in the ticket and in the grid's
// "Info productos" column (shown through the column preference).
import { expect, test, type Page } from '@playwright/test';
import { DEMO, STAFF, signInStaff, technicianPhone, trpc } from './helpers';

test.describe.configure({ timeout: 240_000 });

async function call<T>(page: Page, path: string, input: unknown, method: 'GET' | 'POST' = 'POST'): Promise<T> {
  const { status, body } = (await trpc(page, path, input, method)) as { status: number; body: { result: { data: { json: T } } } };
  expect(status, `${path}: ${JSON.stringify(body)}`).toBe(200);
  return body.result.data.json;
}

test('a router added in the office, named on a ticket, corrected offline by the technician, seen corrected by the office', async ({ browser, page }) => {
  const tag = String(Date.now() % 1_000_000);
  const serial = `22354${tag}`;
  const corrected = `22354${tag}-B`;
  const siteLabel = `Taller ${tag}`;

  await signInStaff(page, STAFF.operator);
  const customers = await call<{ items: { id: string; code: string }[] }>(page, 'customers.list', { query: '1010', page: 1, pageSize: 5 }, 'GET');
  const customer = customers.items.find((c) => c.code === '1010')!;
  const config = await call<{ technicians: { id: string; name: string }[] }>(page, 'ticketConfig.get', undefined, 'GET');
  const technician = config.technicians.find((t) => t.name === 'Tomás Técnico')!;
  const title = `Router se reinicia ${tag}`;
  const { id } = await call<{ id: string }>(page, 'tickets.create', { title, description: 'Se reinicia cada media hora.', customerId: customer.id, assigneeId: technician.id });

  // The customer's page: a second site, and the router.
  await page.goto(`${DEMO}/customers/${customer.id}`);
  const panel = page.getByTestId('customer-equipment');
  await page.getByRole('button', { name: 'Añadir sede' }).click();
  const siteForm = page.getByRole('form', { name: 'Añadir sede' });
  await siteForm.getByLabel('Nombre de la sede').fill(siteLabel);
  await siteForm.getByLabel('Dirección').fill('Av. Mitre 1234');
  await siteForm.getByRole('button', { name: 'Guardar' }).click();
  await expect(panel).toContainText(`${siteLabel} · Av. Mitre 1234`);
  await page.getByRole('button', { name: 'Añadir equipo' }).click();
  const add = page.getByRole('form', { name: 'Añadir equipo' });
  await add.getByLabel('Tipo').selectOption({ label: 'Router' });
  await add.getByLabel('Marca').fill('TP-Link');
  await add.getByLabel('Modelo').fill(`Archer AX23 ${tag}`);
  await add.getByLabel('Número de serie').fill(serial);
  await add.getByLabel('Sede').selectOption({ label: siteLabel });
  await add.getByRole('button', { name: 'Guardar' }).click();
  await expect(panel.getByTestId('equipment-row').filter({ hasText: serial })).toContainText(`Router · TP-Link Archer AX23 ${tag}`);
  // The same serial again is refused, on its field.
  await page.getByRole('button', { name: 'Añadir equipo' }).click();
  await add.getByLabel('Marca').fill('TP-Link');
  await add.getByLabel('Modelo').fill('Otro');
  await add.getByLabel('Número de serie').fill(serial);
  await add.getByRole('button', { name: 'Guardar' }).click();
  await expect(add.getByText('Ya hay un equipo con este número de serie.')).toBeVisible();
  await add.getByRole('button', { name: 'Cancelar' }).click();

  // The ticket names the site and the router.
  await page.goto(`${DEMO}/tickets/${id}`);
  const form = page.getByRole('form', { name: 'Datos del ticket' });
  await form.getByLabel('Sede del trabajo').selectOption({ label: `${siteLabel} · Av. Mitre 1234` });
  await form.getByLabel('Equipo', { exact: true }).selectOption({ label: `Router · TP-Link Archer AX23 ${tag} · ${serial}` });
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cambios guardados' })).toBeVisible();

  // The technician, on a phone: the app loaded online, then no network.
  const { context, tech } = await technicianPhone(browser);
  await tech.getByRole('navigation', { name: 'Secciones de la app' }).getByRole('link', { name: 'Tickets' }).click();
  const link = tech.getByRole('list', { name: 'Mis tickets' }).getByRole('link', { name: new RegExp(tag) });
  await expect(link).toBeVisible();
  await link.click();
  await tech.getByRole('tab', { name: 'Cliente' }).click();
  await expect(tech.getByTestId('tech-site')).toHaveText(`${siteLabel} · Av. Mitre 1234`);
  await expect(tech.getByTestId('tech-ticket-equipment')).toContainText(`TP-Link Archer AX23 ${tag}`);
  await expect(tech.getByTestId('tech-ticket-equipment')).toContainText(serial);
  await context.setOffline(true);
  await tech.getByRole('button', { name: `Editar TP-Link Archer AX23 ${tag}` }).click();
  const edit = tech.getByRole('form', { name: `Editar TP-Link Archer AX23 ${tag}` });
  await edit.getByLabel('Número de serie').fill(corrected);
  await edit.getByRole('button', { name: 'Guardar' }).click();
  const row = tech.getByTestId('tech-equipment-row').filter({ hasText: `Archer AX23 ${tag}` });
  await expect(row).toContainText(corrected);
  await expect(row).toContainText('Pendiente de enviar');
  await expect(tech.getByTestId('tech-ticket-equipment')).toContainText(corrected);
  await expect(tech.getByRole('status').filter({ hasText: 'Sin conexión · 1 cambio pendiente' })).toBeVisible();

  // Back online, the change goes out once.
  await context.setOffline(false);
  await expect(tech.getByRole('status').filter({ hasText: 'Todo sincronizado' })).toBeVisible({ timeout: 30_000 });
  await context.close();

  // The office sees the corrected serial on the ticket …
  await page.goto(`${DEMO}/tickets/${id}`);
  await expect(page.getByTestId('customer-equipment').getByTestId('equipment-row').filter({ hasText: `Archer AX23 ${tag}` })).toContainText(corrected);
  // … and in the grid's "Info productos" column, hidden by default, shown through the preference.
  await call(page, 'preferences.set', { key: 'tickets.hiddenColumns', value: ['complexity', 'billable', 'opened', 'lastStatus', 'visit', 'company', 'callNumber', 'closed', 'productsTotal', 'cost', 'collected'] });
  await page.goto(`${DEMO}/tickets?q=${encodeURIComponent(tag)}`);
  // The "Columnas" menu names it, shown.
  const menu = page.locator('summary', { hasText: 'Columnas' });
  await menu.click();
  await expect(page.getByRole('checkbox', { name: 'Info productos' })).toBeChecked();
  await menu.click();
  const gridRow = page.getByRole('row').filter({ hasText: title });
  await expect(page.getByRole('columnheader', { name: 'Info productos' })).toBeVisible();
  await expect(gridRow.getByTestId('grid-equipment')).toContainText(`Router · TP-Link Archer AX23 ${tag}`);
  await expect(gridRow.getByTestId('grid-equipment')).toContainText(corrected);
  // The operator's columns back to the defaults.
  await call(page, 'preferences.set', { key: 'tickets.hiddenColumns', value: ['complexity', 'billable', 'opened', 'lastStatus', 'visit', 'company', 'callNumber', 'closed', 'productsTotal', 'cost', 'collected', 'equipment'] });
});
