// D1/D2/D6 end to end: an operator assigns a ticket in the browser; the technician receives the
// e-mail (at a local stand-in for Resend's API) and a push on their device (at a local HTTPS push
// service), which the test decrypts with the device's own keys — the real protocols, end to end.
// A customer's reply in the portal reaches the technician the same way; an internal note never shows there.
import { expect, test } from '@playwright/test';
import { pushDevice } from '../fakes/push-service';
import { createTicketInUi, createTicketOnConnection, DEMO, DEMO_PASSWORD, deliveredEmails, PUSH_ORIGIN, receivedPushes, STAFF, signInStaff } from './helpers';

test('assigning a ticket in the browser e-mails the technician and pushes to their device', async ({ browser }) => {
  // The technician's device: the app offers to turn pushes on; the device subscribes through the same API the button uses.
  const tech = await browser.newPage();
  await signInStaff(tech, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  // Push on this device is in the app's profile.
  await tech.goto(`${DEMO}/tech?view=profile`);
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
  expect(String(payload.url)).toMatch(new RegExp(`^${DEMO.replace(/[.]/g, '\\.')}/tech\\?ticket=[0-9a-f-]{36}$`));

  // The technician opens what the push points to.
  await tech.goto(String(payload.url));
  await expect(tech.getByRole('heading', { level: 1 })).toContainText('Antena caída en Quilmes Oeste');
});

test('a customer’s reply in the portal reaches the technician’s device; an internal note never reaches the customer', async ({ browser }) => {
  // Three people's pages and a push through the worker: past a minute on a busy machine.
  test.slow();
  const tech = await browser.newPage();
  await signInStaff(tech, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  const device = pushDevice(PUSH_ORIGIN);
  expect(
    await tech.evaluate(async (subscription) => {
      const res = await fetch('/api/trpc/push.subscribe', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: { ...subscription, label: 'Chromium · Linux' } }) });
      return res.status;
    }, device.subscription),
  ).toBe(200);

  const office = await browser.newPage();
  await signInStaff(office, STAFF.operator);
  await office.goto('/tickets');
  await createTicketOnConnection(office, { code: '1001', customer: 'María Fernández (1001)', title: 'Sin señal en el living', description: 'El router no da señal en el living.' });
  await office.getByLabel('Buscar', { exact: true }).fill('sin senal en el living');
  await office.getByRole('link', { name: 'Sin señal en el living' }).click();
  const edit = office.getByRole('form', { name: 'Datos del ticket' });
  await edit.getByLabel('Asignado a').selectOption({ label: 'Tomás Técnico' });
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(office.getByText('Asignado a: Tomás Técnico')).toBeVisible();
  await office.getByRole('tab', { name: 'Comentarios' }).click();
  const add = office.getByRole('form', { name: 'Agregar un comentario' });
  const thread = office.getByRole('list', { name: 'Comentarios' });
  await add.getByLabel('Agregar un comentario').fill('Mañana a la mañana pasa un técnico.');
  await add.getByRole('button', { name: 'Enviar' }).click();
  await expect(thread.getByRole('listitem').filter({ hasText: 'Mañana a la mañana' })).toBeVisible();
  await add.getByLabel('Agregar un comentario').fill('Revisar deuda antes de ir.');
  await add.getByLabel('Nota interna: solo el equipo').check();
  await add.getByRole('button', { name: 'Enviar' }).click();
  await expect(thread.getByRole('listitem').filter({ hasText: 'Revisar deuda' })).toBeVisible();

  // The customer, in the portal: the public comment, never the note; then a reply.
  const customer = await browser.newPage();
  await customer.goto(`${DEMO}/portal/login`);
  await customer.getByLabel('Número de documento').fill('30.123.456');
  await customer.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await customer.getByRole('button', { name: 'Ingresar' }).click();
  await customer.getByRole('navigation', { name: 'Secciones del portal' }).getByRole('link', { name: 'Tickets' }).click();
  await customer.getByRole('list', { name: 'Mis tickets' }).getByRole('button', { name: /Sin señal en el living/ }).click();
  const history = customer.getByRole('list', { name: 'Historial' });
  await expect(history).toContainText('Mañana a la mañana pasa un técnico.');
  await expect(customer.getByText('Revisar deuda')).toHaveCount(0);
  const reply = customer.getByRole('form', { name: 'Agregar información' });
  await reply.getByLabel('Agregar información').fill('Mañana estoy desde las 9.');
  await reply.getByRole('button', { name: 'Enviar' }).click();
  await expect(reply.getByRole('status')).toHaveText('Enviamos tu mensaje.');
  await expect(history).toContainText('Mañana estoy desde las 9.');

  await expect
    .poll(async () => (await receivedPushes()).filter((p) => p.device === device.id).map((p) => device.decrypt(p.body)).find((p) => String(p.title).includes('respondió el cliente'))?.body, { timeout: 15_000 })
    .toBe('Mañana estoy desde las 9.');

  // The office sees the reply as the customer's.
  await office.reload();
  await office.getByRole('tab', { name: 'Comentarios' }).click();
  await expect(office.getByRole('list', { name: 'Comentarios' }).getByRole('listitem').filter({ hasText: 'Mañana estoy desde las 9.' })).toContainText('María Fernández (cliente)');
});
