// A5/C6: a supervisor imports invoices and then payments from the ISP's CSV files — a file with
// errors first (the problems row by row, nothing imported), then the good one — and sees the debt,
// the overdue debt and the account statement on the customer's page; an operator sees the same in
// the ticket view's "Pagos y facturas" tab but has no import; a technician (no billing.read) is refused
// by the procedure and the import.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, STAFF, createTicketOnConnection, signInStaff, signOut } from './helpers';

/** Windows-1252 bytes, as Excel saves "CSV" in Spanish. */
const latin1 = (text: string) => Buffer.from(text, 'latin1');
/** A demo network customer with no invoices of its own (the demo's billing covers 1001–1040). */
const CODE = '1041';
const NEXT_YEAR = new Date().getFullYear() + 1;

// Three signed-in pages and two imports each: more than the default minute on a busy machine.
test.describe.configure({ timeout: 150_000 });

async function choose(page: Page, kind: 'Facturas' | 'Pagos', rows: string[]) {
  await page.getByLabel('Qué vas a importar').selectOption({ label: kind });
  await page.getByLabel('Archivo CSV').setInputFiles({ name: `${kind.toLowerCase()}.csv`, mimeType: 'text/csv', buffer: latin1(rows.join('\r\n')) });
  await page.getByRole('button', { name: 'Revisar archivo' }).click();
}

async function openCustomer(page: Page): Promise<{ id: string; name: string }> {
  await page.goto(`${DEMO}/customers`);
  await page.getByLabel('Buscar').fill(CODE);
  const row = page.getByRole('row').filter({ hasText: CODE });
  await expect(row).toHaveCount(1);
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  const name = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  return { id: page.url().split('/').pop()!, name };
}

test('invoices and payments are imported (errors first, nothing half-imported) and the statement shows on the customer’s page', async ({ page }) => {
  await signInStaff(page, STAFF.supervisor);
  await page.goto(`${DEMO}/customers`);
  await page.getByRole('link', { name: 'Importar facturas y pagos' }).click();
  await expect(page.getByRole('heading', { name: 'Importar facturas y pagos', level: 1 })).toBeVisible();

  const INVOICES = 'numero;tipo;cliente;fecha;vencimiento;periodo;total';
  await choose(page, 'Facturas', [
    INVOICES,
    `E2E-F-1;B;${CODE};01/09/2026;10/09/2026;Septiembre;18500,00`,
    'E2E-F-2;B;9999;01/10/2026;10/10/2026;Octubre;18500,00',
    `E2E-F-3;B;${CODE};01/10/2026;10/10/2026;Octubre;0`,
    `E2E-F-4;B;${CODE};01/10/2026;10/10/2026;Octubre;18500,505`,
    `E2E-F-5;B;${CODE};31/09/2026;10/10/2026;Octubre;100`,
  ]);
  const problems = page.getByRole('table', { name: 'Problemas por fila y columna' });
  await expect(problems).toContainText('No hay ningún cliente con el código «9999».');
  await expect(problems).toContainText('El importe tiene que ser mayor que cero.');
  await expect(problems).toContainText('«18500,505» tiene más decimales que la moneda (2).');
  await expect(problems).toContainText('«31/09/2026» no es una fecha.');
  await expect(problems.getByRole('row')).toHaveCount(5);
  await expect(page.getByRole('button', { name: /^Importar \d/ })).toHaveCount(0);

  await choose(page, 'Facturas', [
    INVOICES,
    `E2E-F-1;B;${CODE};01/09/2026;10/09/2026;Septiembre;18500,00`,
    `E2E-F-2;B;${CODE};01/10/2026;10/10/2026;Octubre;18500,00`,
    `E2E-F-3;B;${CODE};01/01/${NEXT_YEAR};10/01/${NEXT_YEAR};Enero;19.900,50`,
  ]);
  await expect(page.getByText('No encontramos problemas.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Importar 3 facturas' }).click();
  await expect(page.getByText('Listo: se importaron 3 facturas.')).toBeVisible();

  await page.getByRole('button', { name: 'Importar otro archivo' }).click();
  const PAYMENTS = 'cliente;fecha;importe;medio;referencia;facturas';
  // A payment naming an invoice that does not exist, and one of a negative amount: nothing is imported.
  await choose(page, 'Pagos', [PAYMENTS, `${CODE};05/09/2026;18500;Transferencia;E2E-PAGO-1;E2E-F-1`, `${CODE};05/09/2026;100;Efectivo;E2E-PAGO-2;E2E-F-9`, `${CODE};06/09/2026;-5;Efectivo;E2E-PAGO-3;`]);
  await expect(problems).toContainText('No hay ninguna factura con el número «E2E-F-9».');
  await expect(problems).toContainText('El importe tiene que ser mayor que cero.');
  await expect(page.getByRole('button', { name: /^Importar \d/ })).toHaveCount(0);

  await choose(page, 'Pagos', [PAYMENTS, `${CODE};05/09/2026;18500;Transferencia;E2E-PAGO-1;E2E-F-1`]);
  await expect(page.getByRole('heading', { name: '1 pago, que cancela 1 factura.' })).toBeVisible();
  await page.getByRole('button', { name: 'Importar 1 pago' }).click();
  await expect(page.getByText('Listo: se importó 1 pago, que cancela 1 factura.')).toBeVisible();

  await openCustomer(page);
  const billing = page.getByTestId('customer-billing');
  // Owed: October's (overdue) and next January's; September's was paid.
  await expect(billing.getByTestId('billing-debt')).toHaveText(/^\$\s38\.400,50$/);
  await expect(billing.getByTestId('billing-overdue')).toHaveText(/^\$\s18\.500,00$/);
  await expect(billing.getByTestId('billing-next-due')).toContainText(String(NEXT_YEAR));
  const statement = page.getByRole('table', { name: 'Cuenta corriente' });
  await expect(statement.getByRole('row')).toHaveCount(5);
  await expect(statement.getByRole('row').nth(1)).toContainText('Factura E2E-F-1');
  await expect(statement.getByRole('row').nth(2)).toContainText(/Pago.*\$\s18\.500,00\s*\$\s0,00/);
  await expect(statement.getByRole('row').nth(4)).toContainText(/Factura E2E-F-3.*\$\s38\.400,50$/);
  const invoices = page.getByRole('table', { name: 'Facturas', exact: true });
  await expect(invoices.getByRole('row').filter({ hasText: 'E2E-F-2' })).toContainText('Vencida');
  await expect(invoices.getByRole('row').filter({ hasText: 'E2E-F-1' })).toContainText('Pagada');
  await expect(page.getByRole('table', { name: 'Pagos', exact: true })).toContainText('E2E-PAGO-1');
});

test('an operator sees the customer’s invoices in the ticket’s "Pagos y facturas" tab, and has no import', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto(`${DEMO}/customers`);
  await expect(page.getByRole('heading', { name: 'Clientes', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Importar facturas y pagos' })).toHaveCount(0);
  await page.goto(`${DEMO}/customers/import-billing`);
  await expect(page).not.toHaveURL(/import-billing/);

  const customer = await openCustomer(page);
  await page.goto('/tickets');
  await createTicketOnConnection(page, { code: CODE, customer: `${customer.name} (${CODE})`, title: 'Consulta por la factura de octubre', description: 'Dice que pagó octubre.' });
  await page.goto(`/tickets?q=${encodeURIComponent('consulta por la factura de octubre')}`);
  await page.getByRole('link', { name: 'Consulta por la factura de octubre' }).click();
  await page.getByRole('tab', { name: 'Facturación' }).click();
  await expect(page.getByTestId('billing-customer-debt')).toHaveText(/^Deuda del cliente: \$\s38\.400,50 \(vencida: \$\s18\.500,00\)$/);
  await page.getByRole('tab', { name: 'Pagos y facturas' }).click();
  await expect(page.getByTestId('billing-overdue')).toHaveText(/^\$\s18\.500,00$/);
  await expect(page.getByRole('table', { name: 'Facturas', exact: true })).toContainText('E2E-F-2');
});

test('a technician (no billing.read) gets no billing: the procedure and the import refuse', async ({ page }) => {
  await signInStaff(page, STAFF.supervisor);
  const customer = await openCustomer(page);
  await signOut(page);
  await signInStaff(page, STAFF.technician, undefined, DEMO, '/tech');
  // From the technician's own signed-in page, as its scripts would call.
  const answers = await page.evaluate(async ({ customerId, code }) => {
    const input = encodeURIComponent(JSON.stringify({ json: { customerId } }));
    const statement = await fetch(`/api/trpc/billing.customer?input=${input}`);
    const body = new FormData();
    body.set('file', new Blob([`numero;cliente;fecha;vencimiento;total\nT-1;${code};2026-01-01;2026-01-10;10\n`], { type: 'text/csv' }), 'f.csv');
    const importing = await fetch('/api/import/billing?kind=invoices&mode=commit', { method: 'POST', body });
    return { statement: statement.status, text: await statement.text(), importing: importing.status };
  }, { customerId: customer.id, code: CODE });
  expect(answers.statement).toBe(403);
  expect(answers.text).not.toContain('E2E-F-');
  expect(answers.importing).toBe(403);
});
