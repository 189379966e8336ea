// D2 in the browser: the office selects customers in the list and sends them an SMS, which reaches a
// local stand-in for Twilio with their numbers in E.164 (a customer without a phone is reported and
// logged as not sent); an admin sends a push to a technician from their profile, logged as a manual
// push (not sent: the technician has no device here). D6: the tenant's SMS section in the settings.
import { expect, test, type Page } from '@playwright/test';
import { STAFF, receivedSms, signInStaff } from './helpers';
import { DEMO_SMS_SENDER, NO_COORDINATES } from './seed';

/** The signed-in user's message log, through the same API the app uses. */
async function messageLog(page: Page, input: { channel: 'SMS' | 'PUSH'; kind?: 'MANUAL' }) {
  // From the page itself: its cookies, its tenant's host (Node does not resolve *.localhost).
  const items = await page.evaluate(async (json) => {
    const res = await fetch(`/api/trpc/messages.list?input=${encodeURIComponent(JSON.stringify({ json }))}`);
    return (await res.json()).result.data.json.items;
  }, input);
  return items as { recipient: string; status: string; errorCode: string | null; kind: string; customer: { name: string } | null; user: { name: string } | null }[];
}

/** Finds a customer by code in the list's search and ticks them; returns their name. */
async function select(page: Page, code: string, rowText: string | RegExp) {
  await page.getByLabel('Buscar').fill(code);
  const row = page.getByRole('row').filter({ hasText: rowText });
  await expect(row).toHaveCount(1);
  await row.getByRole('checkbox').check();
  return (await row.getByRole('link').textContent())!;
}

test('the office sends an SMS to customers selected in the list; one without a phone is reported as not sent', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto('/customers');
  const names = [await select(page, '1002', 'cliente1002@example.com'), await select(page, '1003', 'cliente1003@example.com'), await select(page, NO_COORDINATES.code, NO_COORDINATES.name)];
  const toolbar = page.getByRole('toolbar', { name: 'Acciones con los clientes seleccionados' });
  await expect(toolbar).toContainText('3 clientes seleccionados');

  await toolbar.getByRole('button', { name: 'Enviar mensaje' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enviar mensaje' });
  await expect(dialog).toContainText('Para 3 clientes');
  await dialog.getByRole('radio', { name: 'SMS' }).check();
  // An SMS has no title; its counter counts as carriers do: up to 3 parts, 153 characters each when
  // split, and 67 once an á, í, ó or ú makes it Unicode.
  await expect(dialog.getByLabel('Título')).toHaveCount(0);
  await dialog.getByLabel('Mensaje').fill('x'.repeat(161));
  await expect(dialog).toContainText('161 de 459 caracteres · 2 SMS');
  await dialog.getByLabel('Mensaje').fill('Atención: corte programado');
  await expect(dialog).toContainText('26 de 201 caracteres · 1 SMS');
  await expect(dialog).toContainText('cada mensaje lleva 70 caracteres');
  const text = 'Fibra Sur: el jueves de 9 a 11 hay mantenimiento en tu zona.';
  await dialog.getByLabel('Mensaje').fill(text);
  await expect(dialog).toContainText(`${text.length} de 459 caracteres · 1 SMS`);
  await expect(dialog).not.toContainText('cada mensaje lleva 70 caracteres');
  // Empty text first: a translated field error, nothing sent.
  await dialog.getByLabel('Mensaje').fill('');
  await dialog.getByRole('button', { name: 'Enviar' }).click();
  await expect(dialog.getByText('Este campo es obligatorio.')).toBeVisible();
  await dialog.getByLabel('Mensaje').fill(text);
  await dialog.getByRole('button', { name: 'Enviar' }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'enviados' })).toHaveText('2 enviados a la cola, 1 sin teléfono');
  await expect(toolbar).toBeHidden();

  // The worker hands them to "Twilio": the two numbers in E.164, from the tenant's sender.
  await expect.poll(async () => (await receivedSms()).filter((m) => m.body === text).map((m) => m.to).sort(), { timeout: 15_000 }).toEqual(['+541142531002', '+541142531003']);
  expect((await receivedSms()).filter((m) => m.body === text).every((m) => m.from === DEMO_SMS_SENDER)).toBe(true);

  // The SMS log says the same: manual, with the customer each went to, once the worker is done.
  const ours = async () => (await messageLog(page, { channel: 'SMS', kind: 'MANUAL' })).filter((m) => names.includes(m.customer?.name ?? ''));
  await expect.poll(async () => (await ours()).filter((m) => m.status === 'PENDING').length, { timeout: 15_000 }).toBe(0);
  const log = await ours();
  expect(log.find((m) => m.customer?.name === NO_COORDINATES.name)).toMatchObject({ status: 'NOT_SENT', errorCode: 'noAddress', recipient: NO_COORDINATES.name });
  expect(log.filter((m) => m.status === 'SENT').map((m) => m.recipient).sort()).toEqual(['+541142531002', '+541142531003']);
  expect(log).toHaveLength(3);
});

test('from a customer’s page: a push to that customer, logged even without the app', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto('/customers');
  await page.getByLabel('Buscar').fill('1004');
  const link = page.getByRole('row').filter({ hasText: 'cliente1004@example.com' }).getByRole('link');
  const name = (await link.textContent())!;
  await link.click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Enviar mensaje' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enviar mensaje' });
  await expect(dialog).toContainText(`Para ${name}`);
  await expect(dialog.getByRole('radio', { name: 'Notificación push (app)' })).toBeChecked();
  await dialog.getByLabel('Título').fill('x'.repeat(61));
  await expect(dialog).toContainText('61 de 60 caracteres');
  await dialog.getByLabel('Mensaje').fill('Tu equipo nuevo ya está listo para retirar.');
  await dialog.getByRole('button', { name: 'Enviar' }).click();
  await expect(dialog.getByText('Debe tener como máximo 60 caracteres.')).toBeVisible();
  await dialog.getByLabel('Título').fill('Equipo listo');
  await dialog.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'cola' })).toHaveText('0 enviados a la cola, 1 sin dispositivo con notificaciones');
  const log = await messageLog(page, { channel: 'PUSH', kind: 'MANUAL' });
  expect(log.find((m) => m.customer?.name === name)).toMatchObject({ status: 'NOT_SENT', errorCode: 'noDevice' });
});

test('an admin sends a push to a technician from their profile; it is logged as a manual push', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await page.goto('/users');
  await page.getByRole('link', { name: 'Tomás Técnico' }).click();
  await expect(page.getByRole('heading', { name: 'Tomás Técnico', level: 1 })).toBeVisible();
  await expect(page.getByText('Ninguno: un push quedará registrado como no enviado')).toBeVisible();
  await page.getByRole('button', { name: 'Enviar push' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enviar push a Tomás Técnico' });
  await dialog.getByLabel('Título').fill('Material en el depósito');
  await dialog.getByLabel('Mensaje').fill('Pasá a buscar los conectores antes de salir.');
  await expect(dialog).toContainText('44 de 500 caracteres');
  await dialog.getByRole('button', { name: 'Enviar' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'cola' })).toHaveText('0 enviados a la cola, 1 sin dispositivo con notificaciones');
  const log = await messageLog(page, { channel: 'PUSH', kind: 'MANUAL' });
  expect(log.find((m) => m.user?.name === 'Tomás Técnico')).toMatchObject({ status: 'NOT_SENT', kind: 'MANUAL', errorCode: 'noDevice', recipient: 'Tomás Técnico' });
  // The push log names who sent it, in the list and in the message's view.
  await page.goto('/messages/push?kind=MANUAL');
  const row = page.getByRole('row').filter({ hasText: 'Material en el depósito' }).first();
  await expect(row).toContainText('Manual · Ana Administradora');
  await row.getByRole('button', { name: /Ver/ }).click();
  await expect(page.getByTestId('message-sent-by')).toHaveText('Ana Administradora');
});

test('the tenant’s SMS settings: on with a sender; switching on without one is refused with a translated error', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await page.goto('/settings');
  const sms = page.locator('section').filter({ has: page.getByRole('heading', { name: 'SMS', exact: true }) });
  await expect(sms.getByLabel('Enviar SMS a los clientes')).toBeChecked();
  await expect(sms.getByLabel('Remitente')).toHaveValue(DEMO_SMS_SENDER);
  await sms.getByLabel('Remitente').fill('');
  await page.getByRole('form', { name: 'Empresa' }).getByRole('button', { name: 'Guardar' }).click();
  await expect(sms.getByText('Para activar los SMS indicá el remitente.')).toBeVisible();
  await page.reload();
  await expect(sms.getByLabel('Remitente')).toHaveValue(DEMO_SMS_SENDER);
});
