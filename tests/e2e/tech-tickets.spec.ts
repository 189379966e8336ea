// The technician app (E2–E8) on a phone, as a technician and the office use it: the office schedules a
// visit, the technician's home shows it, the ticket's tabs, the update sheet (message, internal note,
// photo, state — closing not offered, a forged close refused, photos to the customer's profile), the
// tenant's filters switched on and off, and a ticket the technician may not see.
import { expect, test } from '@playwright/test';
import { cameraPhoto, createTicketOnConnection, DEMO, DEMO_PASSWORD, PHONE, STAFF, signInStaff } from './helpers';

/** Today in the demo tenant's zone (Buenos Aires), and a slot that is still ahead. */
function todayInBuenosAires(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Argentina/Buenos_Aires', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 2 * 3_600_000));
}

test('the office schedules a visit; the technician finds it at home, works the ticket from the update sheet, and the office sees each change once', async ({ browser }) => {
  test.setTimeout(180_000);
  const office = await browser.newPage();
  await signInStaff(office, STAFF.operator);
  await office.goto('/tickets');
  await createTicketOnConnection(office, { code: '1001', customer: 'María Fernández (1001)', title: 'Cambio de ONT en Bernal', description: 'La ONT no enciende.' });
  await office.getByLabel('Buscar', { exact: true }).fill('cambio de ont');
  await office.getByRole('link', { name: 'Cambio de ONT en Bernal' }).click();
  const edit = office.getByRole('form', { name: 'Datos del ticket' });
  await edit.getByLabel('Asignado a').selectOption({ label: 'Tomás Técnico' });
  await edit.getByLabel('Día de la visita').fill(todayInBuenosAires());
  await edit.getByLabel('Desde').fill('23:50');
  await edit.getByLabel('Hasta').fill('23:59');
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(office.getByText('Asignado a: Tomás Técnico')).toBeVisible();
  await expect(office.getByTestId('ticket-visit')).toContainText('23:50–23:59');
  await expect(office).toHaveURL(/\/tickets\/[0-9a-f-]{36}/);
  const ticketId = /\/tickets\/([0-9a-f-]{36})/.exec(office.url())![1]!;

  const context = await browser.newContext(PHONE);
  const tech = await context.newPage();
  await signInStaff(tech, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  // The home shows the technician's next visit still ahead (the demo's own visits of today may come
  // before ours): the one the server names, with its customer, address and slot.
  await expect(tech.getByRole('status').filter({ hasText: 'Todo sincronizado' })).toBeVisible();
  const nextVisit = await tech.evaluate(async () => (await (await fetch('/api/trpc/tech.home')).json()).result.data.json.nextVisit);
  expect(nextVisit).not.toBeNull();
  const next = tech.getByTestId('next-visit');
  await expect(next).toContainText(`#${nextVisit.number} · ${nextVisit.title}`);
  await expect(next).toContainText(nextVisit.connection.address);
  await next.getByRole('button', { name: `Abrir el ticket #${nextVisit.number}` }).click();
  await expect(tech).toHaveURL(new RegExp(`/tech\\?ticket=${nextVisit.id}$`));
  await expect(tech.getByRole('heading', { level: 1 })).toContainText(nextVisit.title);
  await tech.getByRole('link', { name: 'Tickets' }).click();
  await expect(tech).toHaveURL(/\/tech\?view=tickets$/);
  await tech.getByRole('list', { name: 'Mis tickets' }).getByRole('link', { name: /Cambio de ONT en Bernal/ }).click();
  await expect(tech).toHaveURL(new RegExp(`/tech\\?ticket=${ticketId}$`));
  await expect(tech.getByRole('heading', { level: 1 })).toContainText('Cambio de ONT en Bernal');
  await expect(tech.getByRole('tabpanel')).toContainText('María Fernández');
  await expect(tech.getByRole('tabpanel')).toContainText('23:50–23:59');
  for (const tab of ['Cliente', 'Adjuntos', 'Historial', 'Conexión']) {
    await tech.getByRole('tab', { name: tab }).click();
    await expect(tech.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
  }
  await expect(tech.getByRole('tabpanel')).toContainText('Fibra');
  await tech.getByRole('tab', { name: 'Cliente' }).click();
  await expect(tech.getByRole('tabpanel')).toContainText('1001');

  // A forged close through the same API the app uses: refused, in the technician's language.
  const forged = await tech.evaluate(async (id) => {
    const get = async (path: string, input?: unknown) => {
      const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
      return (await (await fetch(`/api/trpc/${path}${query}`)).json()).result.data.json;
    };
    const home = await get('tech.home');
    const full = await get('tech.ticket', { id });
    const closedState = home.states.find((s: { stage: string }) => s.stage === 'CLOSED');
    const response = await fetch('/api/trpc/tech.send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: { kind: 'update', key: crypto.randomUUID(), ticketId: id, version: full.version, stateId: closedState.id } }) });
    return { status: response.status, message: (await response.json()).error.json.message };
  }, ticketId);
  expect(forged).toEqual({ status: 403, message: 'No tenés permiso para hacer esto.' });

  await tech.getByRole('button', { name: 'Actualizar el ticket' }).click();
  const sheet = tech.getByRole('form', { name: /Actualizar el ticket #\d+/ });
  const options = await sheet.getByLabel('Estado').locator('option').allTextContents();
  expect(options).toContain('Resuelto');
  expect(options).not.toContain('Cerrado');
  await sheet.getByLabel('Detalle visible para el cliente').fill('Cambié la ONT; ya navega.');
  await sheet.getByLabel('Detalle interno de la empresa').fill('La ONT vieja quedó en la camioneta.');
  await tech.getByTestId('ticket-photos-camera').setInputFiles(await cameraPhoto(tech, 'ont.jpg'));
  await expect(sheet.getByRole('img', { name: 'ont.jpg' })).toBeVisible();
  await sheet.getByLabel('Estado').selectOption({ label: 'Resuelto' });
  await sheet.getByLabel('Kilómetros recorridos').fill('12,5');
  await sheet.getByLabel('Adjuntar al perfil del cliente').check();
  await tech.getByTestId('customer-photos-gallery').setInputFiles(await cameraPhoto(tech, 'caja.jpg'));
  // Until the photo is made smaller "Guardar" waits for it (it once went without it on a busy machine).
  await expect(sheet.getByRole('img', { name: 'caja.jpg' })).toBeVisible();
  await sheet.getByRole('button', { name: 'Guardar' }).click();
  // The sheet closes once its changes are in the device's queue; only then does "all synced" mean them.
  await expect(sheet).toBeHidden();
  // G11: finishing asks for the customer's signature; this customer does not sign.
  await tech.getByRole('dialog', { name: /Firma del cliente/ }).getByRole('button', { name: 'Cancelar' }).click();
  await expect(tech.getByTestId('queued-change')).toHaveCount(0, { timeout: 20_000 });
  await expect(tech.getByRole('status').filter({ hasText: 'Todo sincronizado' })).toBeVisible({ timeout: 20_000 });
  await expect(tech.getByTestId('queued-change')).toHaveCount(0);
  await tech.getByRole('tab', { name: 'Detalle' }).click();
  await expect(tech.getByTestId('ticket-state')).toHaveText('Resuelto');
  await tech.getByRole('tab', { name: 'Historial' }).click();
  const history = tech.getByRole('list', { name: 'Historial' });
  await expect(history.getByRole('listitem').filter({ hasText: 'La ONT vieja quedó en la camioneta.' }).getByLabel('Interno: solo la empresa')).toBeVisible();
  await expect(history.getByRole('listitem').filter({ hasText: 'Cambié la ONT; ya navega.' }).getByLabel('Interno: solo la empresa')).toHaveCount(0);
  await tech.getByRole('tab', { name: 'Adjuntos' }).click();
  await expect(tech.getByRole('tabpanel').getByRole('img', { name: 'ont.jpg' })).toBeVisible();

  // The office: the state, each comment once, the photo on the ticket, the other on the customer's profile.
  await office.reload();
  await expect(office.getByTestId('ticket-state')).toHaveText('Resuelto (finalizado)');
  await office.getByRole('tab', { name: 'Comentarios' }).click();
  await expect(office.getByText('Cambié la ONT; ya navega.')).toHaveCount(1);
  await expect(office.getByText('La ONT vieja quedó en la camioneta.')).toHaveCount(1);
  const customerId = await office.evaluate(async () => {
    const input = encodeURIComponent(JSON.stringify({ json: { query: '1001', page: 1, pageSize: 5 } }));
    const page = (await (await fetch(`/api/trpc/customers.list?input=${input}`)).json()).result.data.json;
    return page.items.find((c: { code: string }) => c.code === '1001').id as string;
  });
  await office.goto(`/customers/${customerId}`);
  await expect(office.getByRole('heading', { level: 1 })).toContainText('María Fernández');
  const files = office.getByRole('list', { name: 'Archivos del ticket' });
  await expect(office.getByRole('heading', { name: 'Fotos y archivos' })).toBeVisible();
  // The queue was empty ("Todo sincronizado", no queued change) before the office came here: the
  // photo is on the server; the page may take a while to load its files on a busy machine.
  await expect(files.getByRole('link', { name: 'Abrir caja.jpg' })).toBeVisible({ timeout: 20_000 });
  await expect(office.getByRole('link', { name: /Ticket #\d+/ }).first()).toBeVisible();
  await context.close();
});

test('the filters the tenant offers appear in the app, and go when switched off', async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await browser.newPage();
  await signInStaff(admin, STAFF.admin);
  const setFilter = async (label: string, on: boolean) => {
    await admin.goto(`${DEMO}/settings`);
    const form = admin.getByRole('form', { name: 'Notificaciones' });
    await form.getByLabel(label).setChecked(on);
    await form.getByRole('button', { name: 'Guardar' }).click();
    await expect(form.getByText('Cambios guardados')).toBeVisible();
  };
  const context = await browser.newContext(PHONE);
  const tech = await context.newPage();
  await signInStaff(tech, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await tech.goto('/tech?view=tickets');
  await tech.getByText('Filtrar', { exact: true }).click();
  const filters = tech.getByTestId('tech-filters');
  await expect(filters.getByLabel('Estado')).toBeVisible();
  await expect(filters.getByLabel('Técnico')).toHaveCount(0);
  // Filtering by a state narrows the list to it.
  await filters.getByLabel('Estado').selectOption({ label: 'Abierto' });
  await filters.getByRole('button', { name: 'Aplicar filtros' }).click();
  const list = tech.getByRole('list', { name: 'Mis tickets' });
  await expect(list.getByRole('link').first()).toBeVisible();
  for (const text of await list.getByRole('link').allTextContents()) expect(text).toContain('Abierto');

  await setFilter('Filtrar estado', false);
  await setFilter('Filtrar técnicos', true);
  try {
    await tech.goto('/tech?view=tickets');
    await tech.getByRole('button', { name: 'Recargar' }).click();
    await tech.getByText('Filtrar', { exact: true }).click();
    await expect(tech.getByTestId('tech-filters').getByLabel('Técnico')).toBeVisible();
    await expect(tech.getByTestId('tech-filters').getByLabel('Estado')).toHaveCount(0);
    // A filter switched off is refused by the server too, not just hidden.
    const refused = await tech.evaluate(async () => {
      const home = (await (await fetch('/api/trpc/tech.home')).json()).result.data.json;
      const state = home.states[0].id;
      const response = await fetch(`/api/trpc/tech.list?input=${encodeURIComponent(JSON.stringify({ json: { stateId: state } }))}`);
      return { status: response.status, field: (await response.json()).error.json.data.fieldErrors.stateId };
    });
    expect(refused).toEqual({ status: 403, field: 'Este filtro no está habilitado en la app de técnicos.' });
  } finally {
    await setFilter('Filtrar estado', true);
    await setFilter('Filtrar técnicos', false);
  }
  await context.close();
});

test('a ticket the technician may not see is not shown, whatever the address', async ({ browser }) => {
  const office = await browser.newPage();
  await signInStaff(office, STAFF.operator);
  await office.goto('/tickets');
  await createTicketOnConnection(office, { code: '1001', customer: 'María Fernández (1001)', title: 'Solo para la oficina', description: 'No asignado.' });
  await office.getByLabel('Buscar', { exact: true }).fill('solo para la oficina');
  await office.getByRole('link', { name: 'Solo para la oficina' }).click();
  await expect(office).toHaveURL(/\/tickets\/[0-9a-f-]{36}/);
  const id = /\/tickets\/([0-9a-f-]{36})/.exec(office.url())![1]!;
  const context = await browser.newContext(PHONE);
  const tech = await context.newPage();
  await signInStaff(tech, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await tech.goto(`/tech?ticket=${id}`);
  await expect(tech.getByRole('alert').filter({ hasText: 'Este ticket ya no está disponible para vos' })).toBeVisible();
  await expect(tech.getByText('Solo para la oficina')).toHaveCount(0);
  // The old address of a ticket opens the app on it.
  await tech.goto(`/tech/tickets/${id}`);
  await expect(tech).toHaveURL(new RegExp(`/tech\\?ticket=${id}$`));
  await context.close();
});

test('the map shows the technician’s pending jobs over the tenant’s connections, by status', async ({ browser }) => {
  const context = await browser.newContext(PHONE);
  const tech = await context.newPage();
  await signInStaff(tech, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await expect(tech.getByRole('status').filter({ hasText: 'Todo sincronizado' })).toBeVisible();
  await tech.getByRole('navigation', { name: 'Secciones de la app' }).getByRole('link', { name: 'Mapa' }).click();
  await expect(tech).toHaveURL(/\/tech\?view=map$/);
  const map = tech.getByTestId('tech-map');
  // The demo technician's pending jobs are on connections with coordinates: each is an orange marker.
  await expect(map.locator('path.map-job').first()).toBeVisible();
  // Around them, the tenant's connections (points or the server's clusters), colored by status.
  await expect(map.locator('path.map-point, path.map-cluster').first()).toBeVisible();
  // "Mi ruta": today's visits in order, with the next stop's directions.
  await tech.getByRole('navigation', { name: 'Secciones de la app' }).getByRole('link', { name: 'Mi ruta' }).click();
  await expect(tech.getByRole('heading', { name: 'Mi ruta' })).toBeVisible();
  await context.close();
});
