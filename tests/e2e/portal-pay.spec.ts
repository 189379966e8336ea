// F9 end to end: the demo admin enters the tenant's Mercado Pago credentials in Settings → App y portal →
// Pagos (secrets never shown back); on a phone, demo customer 1001 (María Fernández) sees on the home the
// same figures the office sees on her account, pays the whole debt through "Pagar" → the local Mercado
// Pago checkout (tests/fakes/mercadopago.ts, which notifies the app with a signed notification) → back in
// the portal the payment is received and the debt settled.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, PHONE, STAFF, signInStaff } from './helpers';
import { E2E_MERCADOPAGO, FAKE_MERCADOPAGO_PORT } from './ports';

test.describe.configure({ timeout: 150_000 });

const CUSTOMER = { code: '1001', taxId: '30.123.456', name: 'María Fernández' };
let office: { debt: string; overdue: string; balance: string } | null = null;

async function signInCustomer(page: Page) {
  await page.goto(`${DEMO}/portal/login`);
  await page.getByLabel('Número de documento').fill(CUSTOMER.taxId);
  await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { name: `Hola, ${CUSTOMER.name}` })).toBeVisible();
  const welcome = page.getByRole('dialog', { name: '¡Bienvenido!' });
  if (await welcome.isVisible().catch(() => false)) await welcome.getByRole('button', { name: 'Entendido' }).click();
}

test('the admin enters the Mercado Pago credentials; the office sees the customer’s account', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await page.goto(`${DEMO}/settings/portal`);
  const card = page.getByRole('form', { name: 'Pagos' });
  await expect(card.getByText('Sin cargar.').first()).toBeVisible();
  await card.getByLabel('Permitir pagar con Mercado Pago (Checkout Pro)').check();
  await card.getByLabel('Access token de Mercado Pago').fill(E2E_MERCADOPAGO.accessToken);
  await card.getByLabel('Clave secreta del webhook').fill(E2E_MERCADOPAGO.webhookSecret);
  await card.getByLabel('Otros medios de pago (texto para tus clientes)').fill('Transferencia: CBU 0000003100010000000001 (Demo Internet)');
  await card.getByRole('button', { name: 'Guardar' }).click();
  await expect(card.getByText('Guardado (termina en demo). Dejalo vacío para conservarlo.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('form', { name: 'Pagos' }).getByText('Guardado (termina en demo). Dejalo vacío para conservarlo.')).toBeVisible();
  // The secrets never come back to the browser.
  const html = await page.content();
  expect(html).not.toContain(E2E_MERCADOPAGO.accessToken);
  expect(html).not.toContain(E2E_MERCADOPAGO.webhookSecret);
  await expect(page.getByRole('form', { name: 'Pagos' }).getByLabel('Access token de Mercado Pago')).toHaveValue('');

  // The office's view of the customer's account, to compare with the portal's.
  await page.goto(`${DEMO}/customers`);
  await page.getByLabel('Buscar').fill(CUSTOMER.code);
  const row = page.getByRole('row').filter({ hasText: CUSTOMER.name });
  await expect(row).toHaveCount(1);
  await row.getByRole('link').first().click();
  const billing = page.getByTestId('customer-billing');
  await expect(billing.getByTestId('billing-debt')).toBeVisible();
  office = {
    debt: (await billing.getByTestId('billing-debt').textContent())!.trim(),
    overdue: (await billing.getByTestId('billing-overdue').textContent())!.trim(),
    balance: (await billing.getByTestId('billing-balance').textContent())!.trim(),
  };
  expect(office.debt).not.toBe('$ 0,00');
});

test.describe('on a phone', () => {
  test.use(PHONE);

  test('the customer sees the account as the office does, pays the debt through Mercado Pago and sees it settled', async ({ page }) => {
    expect(office, 'the first test read the office’s figures').not.toBeNull();
    await signInCustomer(page);
    await expect(page.getByTestId('home-debt')).toHaveText(office!.debt);
    await expect(page.getByTestId('home-overdue')).toHaveText(office!.overdue);
    await expect(page.getByTestId('home-balance')).toHaveText(office!.balance);
    await expect(page.getByTestId('home-connection').first()).toBeVisible();
    await expect(page.getByText('Última factura', { exact: true })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.getByRole('link', { name: 'Pagar' }).click();
    await expect(page.getByRole('heading', { name: 'Pagar', level: 1 })).toBeVisible();
    await expect(page.getByTestId('pay-other-methods')).toContainText('CBU 0000003100010000000001');
    const form = page.getByRole('form', { name: 'Mercado Pago' });
    // A typed amount with too many decimals is refused, in words.
    await form.getByLabel('Ingresar manualmente').check();
    await form.getByLabel('Monto').fill('100,123');
    await form.getByRole('button', { name: 'Ir a Mercado Pago' }).click();
    await expect(form.getByText('El importe puede tener como máximo 2 decimales.')).toBeVisible();
    await form.getByLabel('Monto').fill('0');
    await form.getByRole('button', { name: 'Ir a Mercado Pago' }).click();
    await expect(form.getByText('El importe tiene que ser mayor que cero.')).toBeVisible();

    await form.getByLabel('Total').check();
    await expect(form.getByTestId('pay-amount')).toHaveText(office!.debt);
    await form.getByRole('button', { name: 'Ir a Mercado Pago' }).click();
    // Mercado Pago's checkout (the local one).
    await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${FAKE_MERCADOPAGO_PORT}/checkout/v1/redirect\\?pref_id=`));
    await expect(page.getByTestId('mp-title')).toContainText(CUSTOMER.code);
    await page.getByRole('button', { name: 'Pagar' }).click();

    // Back in the portal: received, and the debt settled.
    await expect(page).toHaveURL(new RegExp(`^${DEMO.replace(/[.]/g, '\\.')}/portal/pay/result\\?`));
    await expect(page.getByTestId('pay-result')).toContainText('¡Recibimos tu pago de');
    await page.getByRole('link', { name: 'Volver al inicio' }).click();
    await expect(page.getByTestId('home-debt')).toHaveText('$ 0,00');
    await expect(page.getByTestId('home-overdue')).toHaveText('$ 0,00');
    await expect(page.getByTestId('home-overdue-count')).toHaveText('Estás al día.');
  });
});
