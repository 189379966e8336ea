// D3–D5 in the browser: the demo admin opens the e-mail log from the navigation, filters it to "no
// enviado", views a message as it was sent (its HTML in a sandboxed frame whose script never runs),
// resends it — the confirmation, the new row, and the e-mail arriving at the local Resend stand-in —
// saves the filter in "Mis filtros" and applies it again; the customer's page lists their messages.
// A technician cannot reach the logs.
import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, deliveredEmails, signInStaff, STAFF } from './helpers';
import { MESSAGE_LOG } from './seed';

test('the e-mail log: filter, view as sent, resend, save and reapply a filter', async ({ page }) => {
  const { notSent, sent, failed } = MESSAGE_LOG;
  await signInStaff(page, STAFF.admin);
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Mensajes' }).click();
  await expect(page).toHaveURL(`${DEMO}/messages/email`);
  await expect(page.getByRole('heading', { level: 1, name: 'Historial de correos' })).toBeVisible();
  await expect(page.getByRole('tablist', { name: 'Canales' }).getByRole('tab', { name: 'Correos' })).toHaveAttribute('aria-selected', 'true');

  const table = page.getByRole('table', { name: 'Historial de correos' });
  const rowOf = (recipient: string) => table.getByRole('row').filter({ hasText: recipient });
  // Newest first: the not-sent one (1 h ago), the failed one (2 h), the sent one (3 h); each with its
  // reason, stored as a code and read in Spanish (the provider's own words as they came).
  await expect(rowOf(notSent.recipient)).toContainText(notSent.subject);
  await expect(rowOf(notSent.recipient)).toContainText('No enviado');
  await expect(rowOf(notSent.recipient)).toContainText(notSent.shown);
  await expect(rowOf(failed.recipient)).toContainText('Falló');
  await expect(rowOf(failed.recipient)).toContainText(failed.shown);
  await expect(rowOf(sent.recipient)).toContainText('Enviado');
  const order = await table.getByRole('row').allTextContents();
  const at = (r: string) => order.findIndex((text) => text.includes(r));
  expect(at(notSent.recipient)).toBeLessThan(at(failed.recipient));
  expect(at(failed.recipient)).toBeLessThan(at(sent.recipient));
  // The customer opens in a new tab.
  await expect(rowOf(notSent.recipient).getByRole('link', { name: /se abre en una pestaña nueva/ })).toHaveAttribute('target', '_blank');

  // Filter: not sent.
  await page.getByLabel('Estado', { exact: true }).selectOption({ label: 'No enviado' });
  await expect(page).toHaveURL(/[?&]status=NOT_SENT/);
  await expect(rowOf(sent.recipient)).toHaveCount(0);
  await expect(rowOf(failed.recipient)).toHaveCount(0);
  await expect(rowOf(notSent.recipient)).toHaveCount(1);
  for (const status of await table.getByTestId('message-status').allTextContents()) expect(status).toContain('No enviado');

  // View it as it was sent: the text, and the HTML in a sandboxed frame (its script does not run).
  await rowOf(notSent.recipient).getByRole('button', { name: `Ver el mensaje a ${notSent.recipient}` }).click();
  const dialog = page.getByRole('dialog', { name: notSent.subject });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('message-recipient')).toHaveText(notSent.recipient);
  await expect(dialog.getByTestId('message-reason')).toHaveText(notSent.shown);
  await expect(dialog.getByTestId('message-text')).toHaveText(`Hola. ${notSent.subject}.`);
  const frame = dialog.locator('iframe[title="El correo tal como se envió"]');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(page.frameLocator('iframe[title="El correo tal como se envió"]').locator('strong')).toHaveText(`${notSent.subject}.`);
  expect(await page.title()).not.toBe('pwned');
  await dialog.getByRole('button', { name: 'Cerrar' }).click();
  await expect(dialog).toBeHidden();

  // Select it and resend.
  await page.getByRole('checkbox', { name: `Seleccionar el mensaje a ${notSent.recipient}` }).check();
  const toolbar = page.getByRole('toolbar', { name: 'Mensajes seleccionados' });
  await expect(toolbar).toContainText('1 mensaje seleccionado');
  await toolbar.getByRole('button', { name: 'Reenviar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Se reenvió 1 mensaje.' })).toBeVisible();
  // The copy reaches the provider (the worker runs beside the app) …
  await expect.poll(async () => (await deliveredEmails()).filter((d) => d.body.to.includes(notSent.recipient) && d.body.subject === notSent.subject).length, { timeout: 15_000 }).toBe(1);
  // … and is the newest row of the log, sent and manual; the original stays not sent.
  await page.getByLabel('Estado', { exact: true }).selectOption({ label: 'Todos' });
  await expect(async () => {
    await page.reload();
    const rows = rowOf(notSent.recipient);
    await expect(rows).toHaveCount(2, { timeout: 1_000 });
    await expect(rows.first()).toContainText('Enviado', { timeout: 1_000 });
    await expect(rows.first()).toContainText('Manual', { timeout: 1_000 });
    await expect(rows.nth(1)).toContainText('No enviado', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  // Save "no enviado" in "Mis filtros", leave it, and apply it again from the list.
  await page.getByLabel('Estado', { exact: true }).selectOption({ label: 'No enviado' });
  await expect(page).toHaveURL(/[?&]status=NOT_SENT/);
  await page.getByLabel('Nombre del filtro').fill('Sin enviar');
  await page.getByRole('button', { name: 'Guardar en mis filtros' }).click();
  await expect(page.getByLabel('Mis filtros')).toHaveValue(/.+/);
  await expect(page.getByRole('button', { name: 'Quitar «Sin enviar» de mis filtros' })).toBeVisible();
  await page.getByRole('button', { name: 'Quitar filtros' }).click();
  await expect(page).not.toHaveURL(/status=/);
  await expect(rowOf(sent.recipient)).toHaveCount(1);
  await page.getByLabel('Mis filtros').selectOption({ label: 'Sin enviar' });
  await expect(page).toHaveURL(/[?&]status=NOT_SENT/);
  await expect(page.getByLabel('Estado', { exact: true })).toHaveValue('NOT_SENT');
  await expect(rowOf(sent.recipient)).toHaveCount(0);
  await expect(rowOf(notSent.recipient)).toHaveCount(1);

  // The customer's page, opened from the log in a new tab, lists their messages.
  const [customerTab] = await Promise.all([page.waitForEvent('popup'), rowOf(notSent.recipient).getByRole('link', { name: /se abre en una pestaña nueva/ }).click()]);
  const messages = customerTab.getByRole('list', { name: 'Mensajes' });
  await expect(messages.getByRole('listitem').filter({ hasText: notSent.subject })).toHaveCount(2);
  await expect(messages).toContainText('SMS');
  await customerTab.close();
});

test('the SMS and push logs are there too, with their own filters', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto(`${DEMO}/messages/sms`);
  await expect(page.getByRole('heading', { level: 1, name: 'Historial de SMS' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Historial de SMS' })).toContainText('Corte programado el jueves de 9 a 12.');
  await page.getByLabel('Tipo', { exact: true }).selectOption({ label: 'Automático' });
  await expect(page.getByRole('table', { name: 'Historial de SMS' })).toContainText('No hay resultados.');
  await page.getByRole('tablist', { name: 'Canales' }).getByRole('tab', { name: 'Push' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Historial de notificaciones push' })).toBeVisible();
  await expect(page.getByLabel('Mis filtros')).toHaveValue('');
});

test('a technician cannot reach the message logs', async ({ page }) => {
  await signInStaff(page, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await page.goto(`${DEMO}/messages/email`);
  await expect(page).toHaveURL(/\/tech/);
  await expect(page.getByRole('heading', { name: 'Historial de correos' })).toHaveCount(0);
});
