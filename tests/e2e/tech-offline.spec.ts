// E9 on a phone: after one visit online the technician app opens with no network, its list and
// tickets read from the device; a comment, an internal note, a photo and a state change made offline
// wait in the queue (surviving the page being closed) and reach the server exactly once, in order,
// when it opens online again. An answer lost on the way back is replayed without a duplicate; a
// change that conflicts is shown with the server's reason and kept until retried.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { cameraPhoto, DEMO, LOOPBACK, STAFF, signInStaff, technicianPhone } from './helpers';

// Each case signs in twice and reloads: more than the default minute on a busy machine.
test.describe.configure({ timeout: 150_000 });

type Api = <T = unknown>(path: string, input?: unknown, method?: 'GET' | 'POST') => Promise<T>;

/** tRPC calls from a signed-in page, as its own scripts make them. */
function api(page: Page): Api {
  return (path, input, method = 'GET') =>
    page.evaluate(
      async ({ path, input, method }) => {
        const res =
          method === 'GET'
            ? await fetch(`/api/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`)
            : await fetch(`/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: input }) });
        const body = await res.json();
        if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
        return body.result.data.json;
      },
      { path, input, method },
    );
}

async function officeWithTicket(browser: Browser, title: string): Promise<{ office: Page; call: Api; id: string }> {
  const office = await browser.newPage();
  await signInStaff(office, STAFF.operator);
  const call = api(office);
  const config = await call<{ technicians: { id: string; name: string }[] }>('ticketConfig.get');
  const technician = config.technicians.find((t) => t.name === 'Tomás Técnico')!;
  const customers = await call<{ items: { id: string; code: string }[] }>('customers.list', { query: '1001', page: 1, pageSize: 5 });
  const customer = customers.items.find((c) => c.code === '1001')!;
  const { id } = await call<{ id: string }>('tickets.create', { title, description: 'Para trabajar sin señal.', customerId: customer.id, assigneeId: technician.id }, 'POST');
  return { office, call, id };
}

async function openTicket(tech: Page, title: string) {
  await tech.getByRole('navigation', { name: 'Secciones de la app' }).getByRole('link', { name: 'Tickets' }).click();
  await tech.getByRole('list', { name: 'Mis tickets' }).getByRole('link', { name: new RegExp(title) }).click();
  await expect(tech.getByRole('heading', { level: 1 })).toContainText(title);
}

test('offline: the app opens from the device, queues four changes, and they reach the server once, in order, when it opens online', async ({ browser }) => {
  const title = `Sin señal en el sótano ${Date.now() % 100000}`;
  const { office, call, id } = await officeWithTicket(browser, title);
  const { context, tech } = await technicianPhone(browser);

  await context.setOffline(true);
  await tech.reload();
  await expect(tech.getByRole('status').filter({ hasText: 'Sin conexión' })).toBeVisible();
  await expect(tech.getByText(/Datos del /)).toBeVisible();
  await openTicket(tech, title);
  await expect(tech.getByRole('tabpanel')).toContainText('María Fernández');
  await tech.getByRole('button', { name: 'Actualizar el ticket' }).click();
  const sheet = tech.getByRole('form', { name: /Actualizar el ticket #\d+/ });
  await sheet.getByLabel('Detalle visible para el cliente').fill('Llegué; el sótano no tiene señal.');
  await sheet.getByLabel('Detalle interno de la empresa').fill('Empalme mojado en la caja del sótano.');
  await tech.getByTestId('ticket-photos-camera').setInputFiles(await cameraPhoto(tech, 'empalme.jpg'));
  await sheet.getByLabel('Estado').selectOption({ label: 'Resuelto' });
  await sheet.getByRole('button', { name: 'Guardar' }).click();
  await expect(tech.getByRole('status').filter({ hasText: 'Sin conexión · 4 cambios pendientes' })).toBeVisible();
  await expect(tech.getByTestId('queued-change')).toHaveCount(4);

  // Nothing has reached the server; the app opened again with no network still has the queue.
  expect((await call<{ body: string }[]>('tickets.comments', { id })).map((c) => c.body)).toEqual([]);
  await tech.reload();
  await expect(tech.getByRole('status').filter({ hasText: 'Sin conexión · 4 cambios pendientes' })).toBeVisible();
  expect((await call<{ body: string }[]>('tickets.comments', { id })).map((c) => c.body)).toEqual([]);
  // Closed, then opened with the network back. (Playwright's page.close() lifts the page's offline
  // emulation first, so the closing page sees an `online` event and may start sending — which a phone
  // with no signal never sees; what follows holds either way: each change once, in order.)
  await tech.close();

  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(`${DEMO}/tech`);
  await expect(again.getByRole('status').filter({ hasText: 'Todo sincronizado' })).toBeVisible({ timeout: 30_000 });
  await expect(again.getByTestId('queued-change')).toHaveCount(0);
  const comments = await call<{ body: string; public: boolean; createdAt: string }[]>('tickets.comments', { id });
  expect(comments.map((c) => [c.body, c.public])).toEqual([
    ['Llegué; el sótano no tiene señal.', true],
    ['Empalme mojado en la caja del sótano.', false],
  ]);
  const files = await call<{ name: string; createdAt: string }[]>('tickets.files', { id });
  expect(files.map((f) => f.name)).toEqual(['empalme.jpg']);
  const view = await call<{ stage: string; state: { name: string } }>('tickets.get', { id });
  expect([view.state.name, view.stage]).toEqual(['Resuelto', 'FINISHED']);
  // In the order they were made: the comment, the note, the photo, then the state change.
  const history = await call<{ kind: string; field: string | null; createdAt: string }[]>('tickets.history', { id });
  const order = [...history].reverse().map((h) => h.field ?? h.kind);
  expect(order.filter((k) => ['comment', 'note', 'file', 'stateId'].includes(k))).toEqual(['comment', 'note', 'file', 'stateId']);
  await context.close();
  await office.close();
});

test('an answer lost on the way back: the queue sends the change again and the server keeps one', async ({ browser }) => {
  const title = `Respuesta perdida ${Date.now() % 100000}`;
  const { office, call, id } = await officeWithTicket(browser, title);
  const { context, tech } = await technicianPhone(browser);
  await openTicket(tech, title);
  let lost = 0;
  // The server applies the change; the phone never hears back.
  await tech.route('**/api/trpc/tech.send**', async (route) => {
    if (lost++ === 0) {
      // The test runner resolves no *.localhost: the request goes to loopback with the tenant's Host.
      const request = route.request();
      const url = new URL(request.url());
      await route.fetch({ url: `${LOOPBACK}${url.pathname}${url.search}`, headers: { ...request.headers(), host: url.host } });
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await tech.getByRole('button', { name: 'Actualizar el ticket' }).click();
  const sheet = tech.getByRole('form', { name: /Actualizar el ticket #\d+/ });
  await sheet.getByLabel('Detalle visible para el cliente').fill('Cambio de ONT hecho.');
  await sheet.getByRole('button', { name: 'Guardar' }).click();
  await expect(tech.getByTestId('queued-change')).toHaveCount(1);
  // The change shows as queued before its first send reaches the server: wait for the server to have it.
  await expect.poll(async () => (await call<{ body: string }[]>('tickets.comments', { id })).map((c) => c.body)).toEqual(['Cambio de ONT hecho.']);
  // The network "returns": the queue is sent again, and the server answers the first result.
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(tech.getByTestId('queued-change')).toHaveCount(0, { timeout: 20_000 });
  expect(lost).toBe(2);
  expect((await call<{ body: string }[]>('tickets.comments', { id })).map((c) => c.body)).toEqual(['Cambio de ONT hecho.']);
  await context.close();
  await office.close();
});

test('a change that conflicts is shown with the server’s reason, kept, and applied when retried', async ({ browser }) => {
  const title = `Conflicto de estado ${Date.now() % 100000}`;
  const { office, call, id } = await officeWithTicket(browser, title);
  const { context, tech } = await technicianPhone(browser);
  await openTicket(tech, title);
  await context.setOffline(true);
  await tech.getByRole('button', { name: 'Actualizar el ticket' }).click();
  const sheet = tech.getByRole('form', { name: /Actualizar el ticket #\d+/ });
  await sheet.getByLabel('Estado').selectOption({ label: 'Resuelto' });
  await sheet.getByLabel('Kilómetros recorridos').fill('8');
  await sheet.getByRole('button', { name: 'Guardar' }).click();
  // G11: finishing asks for the customer's signature; the customer is not there this time.
  await tech.getByRole('dialog', { name: /Firma del cliente/ }).getByRole('button', { name: 'Cancelar' }).click();
  await expect(tech.getByTestId('queued-change')).toHaveCount(1);
  // Meanwhile the office edits the ticket.
  const { version } = await call<{ version: number }>('tickets.get', { id });
  await call('tickets.update', { id, version, title: `${title} (editado)` }, 'POST');

  await context.setOffline(false);
  const refused = tech.getByTestId('queued-change');
  await expect(refused.getByRole('alert')).toContainText('No se pudo aplicar: Alguien guardó este ticket mientras lo editabas (cambió: Título)', { timeout: 20_000 });
  await expect(refused).toContainText('Estado: Resuelto');
  await expect(refused).toContainText('Kilómetros: 8');
  expect((await call<{ stage: string }>('tickets.get', { id })).stage).toBe('PENDING');
  await refused.getByRole('button', { name: 'Reintentar' }).click();
  await expect(tech.getByTestId('queued-change')).toHaveCount(0, { timeout: 20_000 });
  const view = await call<{ stage: string; kilometres: number; title: string }>('tickets.get', { id });
  expect([view.stage, view.kilometres, view.title]).toEqual(['FINISHED', 8, `${title} (editado)`]);
  await context.close();
  await office.close();
});
