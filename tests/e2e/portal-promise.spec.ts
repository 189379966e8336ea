// Issue 17, F3 and H5 on the demo tenant, the customer on a phone:
//   - the operator finds the promise's card in Settings > "App y portal" (a bad value refused, translated);
//   - the demo customer 1006, whose connection is blocked with three overdue months, asks for a payment
//     promise on the portal's home: the connection is enabled at once, and the operator sees the
//     promise and the connection's history on the customer's page. (The job that blocks it again at
//     expiry is tested with time passed as an argument in tests/integration/payment-promise.test.ts:
//     the app has no test hook to move its clock.)
//   - a ticket of María Fernández (1001) closed with a closing e-mail: the e-mail (delivered by the
//     worker to the local Resend stand-in) carries the survey link; opened with no sign-in, the
//     customer rates it; the link works once; the operator sees the rating in the grid and on the ticket.
import { expect, test } from '@playwright/test';
import { DEMO, deliveredEmails, PHONE, STAFF, signInStaff, trpc } from './helpers';

const RUN = Date.now().toString(36);

test('a blocked customer asks for a payment promise on a phone; the connection is enabled and the operator sees it', async ({ browser, page }) => {
  await signInStaff(page, STAFF.admin);
  // Settings > "App y portal": the promise's own card (the demo allows 4 days, again after 30).
  await page.goto(`${DEMO}/settings/portal`);
  const settings = page.getByRole('form', { name: 'Compromiso de pago' });
  await expect(settings.getByLabel('Permitir compromiso de pago')).toBeChecked();
  await expect(settings.getByLabel('Cantidad máxima de días a extender')).toHaveValue('4');
  await expect(settings.getByLabel('Días que deben transcurrir para volver a usar')).toHaveValue('30');
  await settings.getByLabel('Cantidad máxima de días a extender').fill('0');
  await settings.getByRole('button', { name: 'Guardar' }).click();
  await expect(settings.getByText('Debe ser como mínimo 1.')).toBeVisible();
  await settings.getByLabel('Cantidad máxima de días a extender').fill('4');
  await settings.getByRole('button', { name: 'Guardar' }).click();
  await expect(settings.getByText('Cambios guardados')).toBeVisible();

  const found = await trpc(page, 'customers.list', { query: '1006' }, 'GET');
  expect(found.status, JSON.stringify(found.body)).toBe(200);
  const customer = (found.body.result.data.json.items as { id: string; code: string; name: string }[]).find((c) => c.code === '1006')!;
  expect(customer).toBeTruthy();
  const generated = await trpc(page, 'customers.regeneratePortalPassword', { id: customer.id });
  expect(generated.status, JSON.stringify(generated.body)).toBe(200);
  const password = generated.body.result.data.json.password as string;

  const phone = await browser.newContext(PHONE);
  const portal = await phone.newPage();
  await portal.goto(`${DEMO}/portal/login`);
  await portal.getByLabel('Número de documento').fill('20.551.644');
  await portal.getByLabel('Contraseña').fill(password);
  await portal.getByRole('button', { name: 'Ingresar' }).click();
  await expect(portal.getByRole('heading', { name: `Hola, ${customer.name}` })).toBeVisible();
  const welcome = portal.getByRole('dialog');
  if (await welcome.isVisible().catch(() => false)) await welcome.getByRole('button').first().click();

  const card = portal.getByTestId('portal-promise');
  await expect(card).toContainText('Conexión: Bloqueada');
  const ask = card.getByRole('form', { name: 'Pedir compromiso de pago' });
  await expect(ask.getByLabel('Días')).toHaveValue('4');
  await ask.getByLabel('Días').selectOption('3');
  await ask.getByRole('button', { name: 'Pedir compromiso de pago' }).click();
  await expect(card.getByRole('status')).toContainText('¡Listo! Tu servicio quedó habilitado hasta el');
  await expect(card).toContainText('Conexión: Habilitada');
  await expect(card).toContainText('Habilitado por compromiso de pago hasta el');
  await expect(card.getByRole('button', { name: 'Pedir compromiso de pago' })).toHaveCount(0);
  // Mobile first: nothing wider than the phone.
  expect(await portal.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // Asked again at once (the portal offers nothing now): the server refuses.
  const again = await trpc(portal, 'portal.promise.request', { connectionId: (await trpc(portal, 'portal.promise.status', undefined, 'GET')).body.result.data.json.connections[0].id, days: 1 });
  expect(again.status).toBe(409);
  await phone.close();

  // The operator: the connection enabled, the promise and the history on the customer's page.
  await page.goto(`${DEMO}/customers/${customer.id}`);
  await expect(page.getByTestId('connection').first()).toContainText('Habilitada');
  const promises = page.getByTestId('customer-promises');
  await expect(promises.getByRole('listitem').first()).toContainText('En curso');
  await expect(promises.getByRole('listitem').first()).toContainText('3 días');
  await expect(promises).toContainText('Cumplido');
  const history = page.getByTestId('connection-history');
  await expect(history.getByRole('listitem').first()).toContainText('Compromiso de pago pedido');
  await expect(history.getByRole('listitem').first()).toContainText(/Bloqueada\s*Habilitada/);
  await expect(history.getByRole('listitem').first()).toContainText('El cliente, desde el portal');
});

test('a closed ticket rated through the e-mailed link with no sign-in; the operator sees the rating', async ({ browser, page }) => {
  await signInStaff(page, STAFF.admin);
  const found = await trpc(page, 'customers.list', { query: '1001' }, 'GET');
  const maria = (found.body.result.data.json.items as { id: string; code: string }[]).find((c) => c.code === '1001')!;
  const title = `Encuesta ${RUN}`;
  const created = await trpc(page, 'tickets.create', { customerId: maria.id, title, description: 'Sin señal desde ayer.' });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const ticketId = created.body.result.data.json.id as string;
  const config = await trpc(page, 'ticketConfig.get', undefined, 'GET');
  const closed = (config.body.result.data.json.states as { id: string; stage: string; archivedAt: string | null }[]).find((s) => s.stage === 'CLOSED' && !s.archivedAt)!;
  const saved = await trpc(page, 'tickets.update', { id: ticketId, version: 1, stateId: closed.id, closing: { comment: 'Se cambió el conector.', emailComment: true } });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);

  await expect.poll(async () => (await deliveredEmails()).some((m) => m.body.subject.includes(title)), { timeout: 20_000 }).toBe(true);
  const mail = (await deliveredEmails()).find((m) => m.body.subject.includes(title))!.body;
  expect(mail.to).toEqual(['maria.fernandez@example.com']);
  const link = /(http:\/\/demo\.localhost:\d+\/portal\/survey\/[A-Za-z0-9_.-]+)/.exec(mail.text)?.[1];
  expect(link, mail.text).toBeTruthy();

  // On a phone, signed in nowhere.
  const phone = await browser.newContext(PHONE);
  const visitor = await phone.newPage();
  await visitor.goto(link!);
  const form = visitor.getByRole('form', { name: 'Encuesta de satisfacción' });
  await expect(form).toContainText(title);
  // No rating chosen: refused, translated.
  await form.getByRole('button', { name: 'Enviar calificación' }).click();
  await expect(form.getByText('Elegí una calificación de 1 a 5.')).toBeVisible();
  await form.getByLabel('4 estrellas').check({ force: true });
  await form.getByLabel('Comentario (opcional)').fill('Muy rápidos, gracias.');
  await form.getByRole('button', { name: 'Enviar calificación' }).click();
  await expect(visitor.getByRole('status')).toHaveText('¡Gracias por tu respuesta!');
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // The link works once.
  await visitor.goto(link!);
  await expect(visitor.getByText('Esta encuesta ya fue respondida. ¡Gracias!')).toBeVisible();
  // A forged one is refused.
  await visitor.goto(`${link!.slice(0, -3)}xyz`);
  await expect(visitor.getByText('Este enlace de encuesta no es válido.')).toBeVisible();
  await phone.close();

  // The operator: the rating in the grid's column and on the ticket.
  await page.goto(`${DEMO}/tickets?tab=CLOSED`);
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row.getByTestId('ticket-rating')).toContainText('4');
  await page.goto(`${DEMO}/tickets/${ticketId}`);
  await expect(page.getByTestId('ticket-view-rating')).toContainText('4 de 5');
  await expect(page.getByTestId('ticket-view-rating')).toContainText('Muy rápidos, gracias.');
});
