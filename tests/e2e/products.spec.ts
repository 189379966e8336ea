// G8/G9 as people use them: the admin adds a product to the catalogue; the office puts it on a
// technician's ticket, sets the intervention's cost and shows it to the technician; on the street,
// with no network, the technician adds a product, one more of the first, and records what the
// customer paid; back online the queue is sent; the office sees the lines, the exact total, what was
// collected against the cost, and the grid's columns.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, PHONE, STAFF, signInStaff, technicianPhone, trpc } from './helpers';

test.describe.configure({ timeout: 180_000 });

/** A tRPC call from the signed-in page, answering its data. */
async function call<T>(page: Page, path: string, input: unknown, method: 'GET' | 'POST' = 'POST'): Promise<T> {
  const { status, body } = (await trpc(page, path, input, method)) as { status: number; body: { result: { data: { json: T } } } };
  expect(status, `${path}: ${JSON.stringify(body)}`).toBe(200);
  return body.result.data.json;
}

async function productsTab(page: Page, id: string) {
  await page.goto(`${DEMO}/tickets/${id}`);
  await page.getByRole('tab', { name: 'Productos y cobro' }).click();
  return page.getByRole('table', { name: 'Productos de venta' });
}

test('a product sold from the catalogue, on the street offline, and collected: the office sees lines, total and collection', async ({ browser, page }) => {
  const code = `SPL-${Date.now() % 100000}`;
  const name = `Splitter óptico 1x8 ${code}`;

  // The admin adds the product; a bad tax rate is refused with a translated error first.
  await signInStaff(page, STAFF.admin);
  await page.goto(`${DEMO}/settings/products`);
  const add = page.getByRole('form', { name: 'Agregar un producto' });
  await add.getByLabel('Nombre').fill(name);
  await add.getByLabel('Código').fill(code);
  await add.getByLabel(/Precio sin impuestos/).fill('12500,50');
  await add.getByLabel('Impuesto (%)').fill('150');
  await add.getByRole('button', { name: 'Agregar' }).click();
  await expect(add.getByText('Tasa de impuesto no válida')).toBeVisible();
  await add.getByLabel('Impuesto (%)').fill('21');
  await add.getByRole('button', { name: 'Agregar' }).click();
  const row = page.getByTestId('product-row').filter({ hasText: code });
  await expect(row).toContainText(name);
  await expect(row).toContainText('12.500,50');

  // The office: a ticket for the demo technician, the product on it, the cost shown to collect.
  const config = await call<{ technicians: { id: string; name: string }[] }>(page, 'ticketConfig.get', undefined, 'GET');
  const technician = config.technicians.find((t) => t.name === 'Tomás Técnico')!;
  const customers = await call<{ items: { id: string; code: string }[] }>(page, 'customers.list', { query: '1001', page: 1, pageSize: 5 }, 'GET');
  const title = `Instalación con splitter ${code}`;
  const { id } = await call<{ id: string }>(page, 'tickets.create', { title, description: 'Armar la caja del edificio.', customerId: customers.items.find((c) => c.code === '1001')!.id, assigneeId: technician.id });
  const lines = await productsTab(page, id);
  await expect(lines).toContainText('Sin productos.');
  const sell = page.getByRole('form', { name: 'Agregar', exact: true });
  const option = sell.getByLabel('Producto').locator('option', { hasText: code });
  await expect(option).toHaveText(`${name} (${code}) · $ 12.500,50`);
  await sell.getByLabel('Producto').selectOption((await option.getAttribute('value'))!);
  await sell.getByLabel('Cantidad').fill('2');
  await sell.getByRole('button', { name: 'Agregar' }).click();
  // 12.500,50 × 2 × 1,21 = 30.251,21
  await expect(page.getByTestId('products-total')).toHaveText('$ 30.251,21');
  const cost = page.getByRole('form', { name: 'Costo de la intervención' });
  await cost.getByLabel('Costo').fill('5000');
  await cost.getByLabel('Mostrar al técnico para cobrar').check();
  await cost.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByTestId('collection-cost')).toHaveText('$ 5.000,00');

  // The technician, on a phone: the app loaded once online, then no network.
  const { context, tech } = await technicianPhone(browser);
  await tech.getByRole('navigation', { name: 'Secciones de la app' }).getByRole('link', { name: 'Tickets' }).click();
  const link = tech.getByRole('list', { name: 'Mis tickets' }).getByRole('link', { name: new RegExp(code) });
  await expect(link).toBeVisible();
  await context.setOffline(true);
  await link.click();
  await tech.getByRole('tab', { name: 'Productos' }).click();
  const sold = tech.getByRole('region', { name: 'Productos de venta' });
  await expect(sold.getByTestId('tech-product-line')).toHaveCount(1);
  await expect(sold).not.toContainText('12.500');
  await sold.getByRole('button', { name: `Uno más de ${name}` }).click();
  const techAdd = tech.getByRole('form', { name: 'Agregar producto' });
  await techAdd.getByLabel('Producto').selectOption({ label: 'Cable UTP Cat 6 (metro) (UTP-C6-M)' });
  await techAdd.getByLabel('Cantidad').fill('10');
  await techAdd.getByRole('button', { name: 'Agregar producto' }).click();
  await expect(sold.getByTestId('tech-product-line')).toHaveCount(2);
  await expect(sold.getByTestId('tech-product-line').filter({ hasText: code }).getByTestId('tech-product-quantity')).toHaveText('3 u.');
  const collection = tech.getByRole('region', { name: 'Cobro' });
  await expect(collection.getByTestId('tech-to-collect')).toHaveText('$ 5.000,00');
  const record = tech.getByRole('form', { name: 'Registrar cobro' });
  await record.getByLabel('Importe cobrado').fill('4500');
  await record.getByLabel('Medio de pago').selectOption({ label: 'Efectivo' });
  await record.getByRole('button', { name: 'Registrar cobro' }).click();
  await expect(tech.getByRole('status').filter({ hasText: 'Sin conexión · 3 cambios pendientes' })).toBeVisible();

  // Back online, the queue goes out in order.
  await context.setOffline(false);
  await expect(tech.getByRole('status').filter({ hasText: 'Todo sincronizado' })).toBeVisible({ timeout: 30_000 });
  await context.close();

  // The office sees what happened on the street, exactly.
  await productsTab(page, id);
  const officeLines = page.getByTestId('product-line');
  await expect(officeLines).toHaveCount(2);
  await expect(page.getByRole('spinbutton', { name: `Cantidad de ${name}` })).toHaveValue('3');
  await expect(page.getByRole('spinbutton', { name: 'Cantidad de Cable UTP Cat 6 (metro)' })).toHaveValue('10');
  // 12.500,50 × 3 × 1,21 = 45.376,82; 950 × 10 × 1,21 = 11.495,00
  await expect(page.getByTestId('products-total')).toHaveText('$ 56.871,82');
  await expect(page.getByTestId('collection-collected')).toContainText('$ 4.500,00 en Efectivo por Tomás Técnico');
  await expect(page.getByTestId('collection-difference')).toHaveText('-$ 500,00');

  // The grid: the products total, the cost and what was collected (columns one click away in "Columnas",
  // shown here through the same preference), for the ticket found by its title.
  await call(page, 'preferences.set', { key: 'tickets.hiddenColumns', value: ['complexity', 'visit'] });
  await page.goto(`${DEMO}/tickets?q=${encodeURIComponent(code)}`);
  const gridRow = page.getByRole('row').filter({ hasText: title });
  await expect(gridRow.getByTestId('grid-products-total')).toHaveText('$ 56.871,82');
  await expect(gridRow).toContainText('$ 5.000,00');
  await expect(gridRow).toContainText('$ 4.500,00');
  // The admin's columns back to what the other specs expect.
  await call(page, 'preferences.set', { key: 'tickets.hiddenColumns', value: ['complexity', 'billable', 'opened', 'lastStatus', 'visit', 'company', 'callNumber', 'closed', 'productsTotal', 'cost', 'collected', 'workStatus'] });
});

test('a technician does not reach the catalogue admin, and an operator sees prices but cannot change the catalogue', async ({ browser }) => {
  const context = await browser.newContext(PHONE);
  const tech = await context.newPage();
  await signInStaff(tech, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  const refused = await tech.evaluate(async () => {
    const res = await fetch('/api/trpc/products.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: { name: 'X', code: 'X-1', price: '1', taxRate: '0' } }) });
    return res.status;
  });
  expect(refused).toBe(403);
  await context.close();

  const office = await browser.newPage();
  await signInStaff(office, STAFF.operator);
  await office.goto(`${DEMO}/settings/products`);
  const row = office.getByTestId('product-row').filter({ hasText: 'RT-AX1800' });
  await expect(row).toContainText('89.900,00');
  await expect(office.getByRole('form', { name: 'Agregar un producto' })).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Editar' })).toHaveCount(0);
});
