// D1/D2/D6 end to end: an operator assigns a ticket in the browser; the technician receives the
// e-mail (at a local stand-in for Resend's API) and a push on their device (at a local HTTPS push
// service), which the test decrypts with the device's own keys — the real protocols, end to end.
import { expect, test } from '@playwright/test';
import { pushDevice } from '../fakes/push-service';
import { createTicketInUi, DEMO, DEMO_PASSWORD, deliveredEmails, PUSH_ORIGIN, receivedPushes, STAFF, signInStaff } from './helpers';

test('assigning a ticket in the browser e-mails the technician and pushes to their device', async ({ browser }) => {
  // The technician's device: the app offers to turn pushes on; the device subscribes through the same API the button uses.
  const tech = await browser.newPage();
  await signInStaff(tech, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await expect(tech.getByRole('region', { name: 'Notificaciones' })).toContainText('Este dispositivo no recibe notificaciones.');
  await expect(tech.getByRole('button', { name: 'Activar notificaciones en este dispositivo' })).toBeVisible();
  const device = pushDevice(PUSH_ORIGIN);
  const subscribed = await tech.evaluate(async (subscription) => {
    const res = await fetch('/api/trpc/push.subscribe', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: { ...subscription, label: 'Chromium · Linux' } }) });
    return res.status;
  }, device.subscription);
  expect(subscribed).toBe(200);

  const office = await browser.newPage();
  await signInStaff(office, STAFF.operator);
  await createTicketInUi(office, 'Antena caída en Quilmes Oeste', 'El enlace no levanta desde la tormenta.');
  const created = await office.getByRole('form', { name: 'Nuevo ticket' }).getByRole('status').textContent();
  const number = Number(/#(\d+)/.exec(created ?? '')?.[1]);
  await office.getByLabel('Buscar', { exact: true }).fill('antena caida quilmes');
  await office.getByRole('link', { name: 'Antena caída en Quilmes Oeste' }).click();
  const edit = office.getByRole('form', { name: 'Datos del ticket' });
  await edit.getByLabel('Asignado a').selectOption({ label: 'Tomás Técnico' });
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(office.getByText('Asignado a: Tomás Técnico')).toBeVisible();

  await expect
    .poll(async () => (await deliveredEmails()).find((m) => m.body.to[0] === STAFF.technician && m.body.subject.includes('Antena caída en Quilmes Oeste'))?.body.subject, { timeout: 15_000 })
    .toBe(`Ticket #${number} asignado: Antena caída en Quilmes Oeste`);

  await expect.poll(async () => (await receivedPushes()).filter((p) => p.device === device.id).length, { timeout: 15_000 }).toBe(1);
  const [push] = (await receivedPushes()).filter((p) => p.device === device.id);
  const payload = device.decrypt(push!.body);
  expect(payload).toMatchObject({ title: `Ticket #${number} asignado`, body: 'Antena caída en Quilmes Oeste' });
  expect(String(payload.url)).toMatch(new RegExp(`^${DEMO.replace(/[.]/g, '\\.')}/tech/tickets/[0-9a-f-]{36}$`));

  // The technician opens what the push points to.
  await tech.goto(String(payload.url));
  await expect(tech.getByRole('heading', { level: 1 })).toContainText('Antena caída en Quilmes Oeste');
});
