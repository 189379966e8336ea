// Issue 15, point 1: user text is never markup. Markup that runs script the moment it is parsed as
// HTML (<img onerror>, "><svg onload>) and javascript: strings are planted in EVERY user-editable
// text field of a tenant of its own (seed.ts: XSS_LAB) — through the UI where it is the natural way
// (file uploads, a comment, the customer's reply in the portal), through the same tRPC API the UI
// calls for the rest — and then every page that shows each one is opened: the back office (grid,
// every tab of the ticket, the map with its marker hovered so the tooltip opens, customers, users,
// settings, message logs and a message's view), the technician app and the customer portal. On each
// page: window.__xss stays undefined, no dialog opens, no planted element exists in the DOM (so a
// Content-Security-Policy cannot hide a sink from this test), and each payload is there as text.
// Fields whose format refuses markup (codes, tax ids, e-mails, phones, colors…) are listed too,
// with the API's refusal checked.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { pushDevice } from '../fakes/push-service';
import { deliveredEmails, PORT, PUSH_ORIGIN, signInStaff } from './helpers';
import { XSS_LAB } from './seed';

const ORIGIN = `http://${XSS_LAB.slug}.localhost:${PORT}`;
const TECHNICIAN = { email: 'tecnica@xsslab.antena.test', password: 'Xss-Lab-Tecnica-2026!' };
const CUSTOMER_TAX_ID = '30999888';

// What is planted. Each value starts with the name of its field, so a failure names the field.
const IMG = '<img src=x onerror=__xss=1>';
const SVG = '"><svg onload=__xss=1>';
const JS = 'javascript:__xss=1//';
/** Fits 60 characters with a short tag (names, titles). */
const mark = (tag: string) => `${tag} ${IMG}${SVG}`;
/** For long free text (addresses, descriptions, comments). */
const long = (tag: string) => `${tag} ${IMG}${SVG} ${JS} <script>__xss=1</script>`;

/** Every user-editable text field the product has, with what is planted in it. */
const V = {
  tenantName: mark('Empresa'), // tenants.updateSettings (settings page)
  adminName: mark('Admin'), // users.update of the signed-in admin
  technicianName: mark('Técnica'), // users.create
  customerName: mark('Cliente'), // customers.create
  customerAddress: long('Domicilio'),
  customerNotes: long('Notas'),
  connectionCode: `Cx ${IMG}`, // 40 characters at most
  connectionAddress: long('Calle'),
  localityName: mark('Localidad'), // catalog.createLocality
  localityProvince: mark('Provincia'),
  localityPostalCode: '<svg onload=__xss=1>', // 20 characters at most
  nodeName: mark('Nodo'), // catalog.createNode
  planName: mark('Plan'), // catalog.createPlan
  areaName: mark('Área'), // ticketConfig.areas.create
  stateName: mark('Estado'), // ticketConfig.states.create
  priorityName: mark('Prioridad'), // ticketConfig.priorities.create
  categoryName: mark('Categoría'), // ticketConfig.categories.create
  categoryComment: long('Comentario'),
  categoryCustomerDescription: mark('ParaCliente'),
  categoryReason1: mark('Motivo1'),
  categoryReason2: mark('Motivo2'),
  ticketTitle: mark('Título'), // tickets.create (kept in the history and the e-mail)
  ticketTitleEdited: mark('Título2'), // tickets.update
  ticketDescription: long('Descripción'),
  ticketCallNumber: `Llamada ${IMG}`, // 40 characters at most
  publicComment: long('Público'), // the comment form (UI)
  internalComment: long('Interno'), // tickets.comment, internal
  portalReply: long('Respuesta'), // the customer's reply in the portal (UI)
  fileName: `${IMG}.txt`, // the files tab (UI upload)
  savedFilterName: mark('Filtro'), // preferences.saveFilter
  deviceLabel: mark('Equipo'), // push.subscribe, by the technician
  pushTitle: mark('Aviso'), // notify.user (manual push)
  pushText: long('Texto'),
  smsText: long('SMS'), // notify.customers (manual SMS)
};
type Field = keyof typeof V;

/** Fields whose format refuses markup: the API answers 400 and nothing is stored. */
const REFUSED = [
  'customer code (letters, digits . - / _)',
  'customer tax id (checked per type)',
  'customer e-mails',
  'customer phones',
  'staff e-mail',
  'staff phone',
  'area e-mail',
  'tenant SMS sender (E.164, alphanumeric id or Messaging Service SID)',
  'tenant time zone (IANA)',
  'office e-mail',
  'manual push link (http(s) only)',
] as const;

type Json = Record<string, unknown>;

/** A tRPC call from the page (its cookies, its tenant's host), as the app's own client makes it. */
async function call(page: Page, path: string, input?: unknown, kind: 'query' | 'mutation' = 'mutation') {
  return page.evaluate(
    async ({ path, input, kind }) => {
      const body = JSON.stringify({ json: input ?? null });
      const res =
        kind === 'query'
          ? await fetch(`/api/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`)
          : await fetch(`/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = await res.json();
      return { status: res.status, data: json?.result?.data?.json, error: json?.error };
    },
    { path, input, kind },
  );
}

async function api<T = Json>(page: Page, path: string, input?: unknown, kind: 'query' | 'mutation' = 'mutation'): Promise<T> {
  const res = await call(page, path, input, kind);
  expect(res.status, `${path}: ${JSON.stringify(res.error)}`).toBe(200);
  return res.data as T;
}

const refusedChecked = new Set<string>();

async function refused(page: Page, field: (typeof REFUSED)[number], path: string, input: unknown) {
  const res = await call(page, path, input);
  expect(res.status, `${field} accepted markup`).toBe(400);
  refusedChecked.add(field);
}

/** Records every dialog (alert, confirm, prompt) the page opens, and dismisses it. */
function watchDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on('dialog', (dialog) => {
    opened.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return opened;
}

const checked = new Set<Field>();

/**
 * The page shows each of `fields` as text (rendered text, an option's label or a form field's
 * value), and nothing planted ran or became an element.
 */
async function expectInert(page: Page, dialogs: string[], fields: Field[], where: string) {
  const values = fields.map((f) => V[f]);
  await expect
    .poll(
      () =>
        page.evaluate((values) => {
          const texts = [
            document.body.innerText,
            ...[...document.querySelectorAll('option')].map((o) => o.textContent ?? ''),
            ...[...document.querySelectorAll('input, textarea')].map((i) => (i as HTMLInputElement).value),
          ];
          return values.filter((v) => !texts.some((t) => t.includes(v)));
        }, values),
      { message: `${where}: payloads not shown as text`, timeout: 15_000 },
    )
    .toEqual([]);
  // An <img src=x> fails to load a moment after it is inserted; give its onerror the time to run.
  await page.waitForTimeout(400);
  const state = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    // (A planted <script> inserted as HTML does not run, but its element would still be there.)
    planted: [...document.querySelectorAll('img[src="x"], svg[onload], script')]
      .filter((e) => e.tagName !== 'SCRIPT' || e.textContent === '__xss=1')
      .map((e) => e.outerHTML.slice(0, 80)),
    handlers: [...document.querySelectorAll('[onerror], [onload], [onclick], [onmouseover]')].map((e) => e.outerHTML.slice(0, 80)),
  }));
  expect(state, `${where}: planted markup became HTML`).toEqual({ xss: undefined, planted: [], handlers: [] });
  expect(dialogs, `${where}: a dialog opened`).toEqual([]);
  fields.forEach((f) => checked.add(f));
}

async function staffPage(browser: Browser, email: string, password: string, next = '/') {
  const page = await (await browser.newContext()).newPage();
  const dialogs = watchDialogs(page);
  await signInStaff(page, email, password, ORIGIN, next);
  return { page, dialogs };
}

test('markup planted in every user field never runs, on every page that shows it', async ({ browser }) => {
  test.setTimeout(420_000);
  const { page: admin, dialogs } = await staffPage(browser, XSS_LAB.adminEmail, XSS_LAB.password);

  // ── Planting: configuration, catalog, people ─────────────────────────────────────────────
  const settings = await api<Json>(admin, 'tenants.settings', undefined, 'query');
  const { slug: _slug, smsProvider: _smsProvider, ...current } = settings;
  await api(admin, 'tenants.updateSettings', { ...current, name: V.tenantName });
  await refused(admin, 'tenant SMS sender (E.164, alphanumeric id or Messaging Service SID)', 'tenants.updateSettings', { ...current, sms: { enabled: true, from: IMG } });
  await refused(admin, 'tenant time zone (IANA)', 'tenants.updateSettings', { ...current, timeZone: IMG });
  const rules = await api<Json & { notifications: Json }>(admin, 'tenants.notificationSettings', undefined, 'query');
  await refused(admin, 'office e-mail', 'tenants.updateNotificationSettings', { ...rules, notifications: { ...rules.notifications, officeEmail: `x${IMG}@x.test` } });

  const locality = await api<{ id: string }>(admin, 'catalog.createLocality', { name: V.localityName, province: V.localityProvince, postalCode: V.localityPostalCode });
  const node = await api<{ id: string }>(admin, 'catalog.createNode', { name: V.nodeName, latitude: null, longitude: null });
  const plan = await api<{ id: string }>(admin, 'catalog.createPlan', { name: V.planName, downloadMbps: 300, uploadMbps: 100, price: 9900, offeredInPortal: false, active: true });

  const area = await api<{ id: string }>(admin, 'ticketConfig.areas.create', { name: V.areaName, email: '' });
  await refused(admin, 'area e-mail', 'ticketConfig.areas.create', { name: 'Con correo', email: `a${IMG}@x.test` });
  const state = await api<{ id: string }>(admin, 'ticketConfig.states.create', { name: V.stateName, stage: 'PENDING', position: 5 });
  const priority = await api<{ id: string }>(admin, 'ticketConfig.priorities.create', { name: V.priorityName, color: '#dc2626', rank: 3 });
  const category = await api<{ id: string }>(admin, 'ticketConfig.categories.create', {
    name: V.categoryName,
    comment: V.categoryComment,
    customerDescription: V.categoryCustomerDescription,
    customerReasons: [V.categoryReason1, V.categoryReason2],
    areaId: area.id,
    price: 1500,
    inPortal: true,
  });

  const me = await api<{ id: string }>(admin, 'users.me', undefined, 'query');
  await api(admin, 'users.update', { id: me.id, name: V.adminName });
  const technician = await api<{ id: string }>(admin, 'users.create', { name: V.technicianName, email: TECHNICIAN.email, role: 'TECHNICIAN', password: TECHNICIAN.password });
  await refused(admin, 'staff phone', 'users.create', { name: 'Con teléfono', email: 'tel@xsslab.antena.test', role: 'OPERATOR', password: TECHNICIAN.password, phone: IMG });
  await refused(admin, 'staff e-mail', 'users.create', { name: 'Con correo', email: `x${IMG}@x.test`, role: 'OPERATOR', password: TECHNICIAN.password });

  // ── Planting: the customer, their connection and a ticket ────────────────────────────────
  const customerInput = {
    name: V.customerName,
    taxIdType: 'DNI',
    taxId: CUSTOMER_TAX_ID,
    emails: ['cliente@xsslab.antena.test'],
    phones: ['+54 11 5555-0199'],
    address: V.customerAddress,
    notes: V.customerNotes,
    localityId: locality.id,
    connections: [{ code: V.connectionCode, address: V.connectionAddress, planId: plan.id, nodeId: node.id, localityId: locality.id, latitude: -34.6037, longitude: -58.3816 }],
  };
  await refused(admin, 'customer code (letters, digits . - / _)', 'customers.create', { ...customerInput, code: IMG });
  await refused(admin, 'customer tax id (checked per type)', 'customers.create', { ...customerInput, taxId: IMG });
  await refused(admin, 'customer e-mails', 'customers.create', { ...customerInput, emails: [`x${IMG}@x.test`] });
  await refused(admin, 'customer phones', 'customers.create', { ...customerInput, phones: [IMG] });
  const customer = await api<{ id: string }>(admin, 'customers.create', customerInput);
  const { connections } = await api<{ connections: { id: string }[] }>(admin, 'customers.get', { id: customer.id }, 'query');
  const { password: portalPassword } = await api<{ password: string }>(admin, 'customers.regeneratePortalPassword', { id: customer.id });

  const ticket = await api<{ id: string; number: number }>(admin, 'tickets.create', {
    title: V.ticketTitle,
    description: V.ticketDescription,
    callNumber: V.ticketCallNumber,
    customerId: customer.id,
    connectionId: connections[0]!.id,
    areaId: area.id,
    categoryId: category.id,
    priorityId: priority.id,
    assigneeId: technician.id,
  });
  // The worker renders the assignment e-mail from the ticket as it is then: let it go before the title changes.
  await expect
    .poll(async () => (await deliveredEmails()).some((e) => e.body.to.includes(TECHNICIAN.email) && e.body.subject.includes(V.ticketTitle)), { timeout: 20_000 })
    .toBe(true);
  const { version } = await api<{ version: number }>(admin, 'tickets.get', { id: ticket.id }, 'query');
  await api(admin, 'tickets.update', { id: ticket.id, version, title: V.ticketTitleEdited, stateId: state.id });
  await api(admin, 'tickets.comment', { ticketId: ticket.id, body: V.internalComment, public: false });
  const query = new URLSearchParams({ areaId: area.id }).toString();
  await api(admin, 'preferences.saveFilter', { scope: 'tickets', name: V.savedFilterName, query });

  // Through the UI: a public comment, and files whose names carry markup or a right-to-left override.
  await admin.goto(`${ORIGIN}/tickets/${ticket.id}`);
  await admin.getByRole('tab', { name: 'Comentarios' }).click();
  const add = admin.getByRole('form', { name: 'Agregar un comentario' });
  await add.getByLabel('Agregar un comentario').fill(V.publicComment);
  await add.getByRole('button', { name: 'Enviar' }).click();
  await expect(admin.getByRole('list', { name: 'Comentarios' })).toContainText(V.publicComment);
  await admin.getByRole('tab', { name: 'Archivos' }).click();
  const upload = admin.getByRole('form', { name: 'Subir archivos' });
  await upload.getByLabel('Archivos o imágenes').setInputFiles([
    { name: V.fileName, mimeType: 'text/plain', buffer: Buffer.from('texto') },
    { name: '\u202Egnp.txt', mimeType: 'text/plain', buffer: Buffer.from('no es una imagen') },
  ]);
  await upload.getByLabel('Quién lo ve').selectOption({ label: 'Global: la empresa, los técnicos y el cliente' });
  await upload.getByRole('button', { name: 'Subir archivos' }).click();
  await expect(upload.getByRole('status')).toHaveText('Se subieron 2 archivos.');

  // The technician's device, with a label of its own; then the office writes to them and to the customer.
  const { page: tech, dialogs: techDialogs } = await staffPage(browser, TECHNICIAN.email, TECHNICIAN.password, '/tech');
  await api(tech, 'push.subscribe', { ...pushDevice(PUSH_ORIGIN).subscription, label: V.deviceLabel });
  await api(admin, 'notify.user', { userId: technician.id, title: V.pushTitle, text: V.pushText });
  await refused(admin, 'manual push link (http(s) only)', 'notify.user', { userId: technician.id, title: 'Enlace', text: 'Abrí esto', link: JS });
  await api(admin, 'notify.customers', { channel: 'SMS', customerIds: [customer.id], text: V.smsText });

  // The customer answers in the portal.
  const portal = await (await browser.newContext()).newPage();
  const portalDialogs = watchDialogs(portal);
  await portal.goto(`${ORIGIN}/portal/login`);
  await expectInert(portal, portalDialogs, ['tenantName'], '/portal/login');
  await portal.getByLabel('Número de documento').fill(CUSTOMER_TAX_ID);
  await portal.getByLabel('Contraseña').fill(portalPassword);
  await portal.getByRole('button', { name: 'Ingresar' }).click();
  await portal.getByRole('navigation', { name: 'Secciones del portal' }).getByRole('link', { name: 'Tickets' }).click();
  await portal.getByRole('list', { name: 'Mis tickets' }).getByRole('button', { name: new RegExp(`#${ticket.number}`) }).click();
  const reply = portal.getByRole('form', { name: 'Agregar información' });
  await reply.getByRole('textbox').fill(V.portalReply);
  await reply.getByRole('button', { name: 'Enviar' }).click();
  await expect(reply.getByRole('status')).toBeVisible();

  // ── Every page that shows them ───────────────────────────────────────────────────────────
  await test.step('the customer portal', async () => {
    await portal.goto(`${ORIGIN}/portal`);
    await expectInert(portal, portalDialogs, ['tenantName', 'customerName'], '/portal');
    await portal.getByRole('navigation', { name: 'Secciones del portal' }).getByRole('link', { name: 'Tickets' }).click();
    await portal.getByRole('list', { name: 'Mis tickets' }).getByRole('button', { name: new RegExp(`#${ticket.number}`) }).click();
    await expectInert(portal, portalDialogs, ['tenantName', 'ticketTitleEdited', 'stateName', 'ticketDescription', 'technicianName', 'publicComment', 'adminName', 'portalReply'], '/portal/tickets');
    await expect(portal.getByText(V.internalComment)).toHaveCount(0);
  });

  await test.step('the technician app', async () => {
    await tech.goto(`${ORIGIN}/tech?view=tickets`);
    await expectInert(tech, techDialogs, ['tenantName', 'ticketTitleEdited', 'stateName', 'customerName', 'connectionAddress'], '/tech?view=tickets');
    await tech.goto(`${ORIGIN}/tech/tickets/${ticket.id}`);
    await expectInert(tech, techDialogs, ['ticketTitleEdited', 'stateName', 'customerName', 'connectionAddress', 'ticketDescription'], '/tech?ticket=');
    await tech.getByRole('tab', { name: 'Adjuntos' }).click();
    await expectInert(tech, techDialogs, ['fileName'], '/tech?ticket= (attachments)');
    await tech.getByRole('tab', { name: 'Historial' }).click();
    await expectInert(tech, techDialogs, ['ticketTitleEdited'], '/tech?ticket= (history)');
  });

  await test.step('the back office: home, grid, saved filter and filter chips', async () => {
    await admin.goto(`${ORIGIN}/`);
    await expectInert(admin, dialogs, ['tenantName', 'adminName'], '/');
    await admin.goto(`${ORIGIN}/tickets`);
    await expectInert(admin, dialogs, ['ticketTitleEdited', 'customerName', 'technicianName', 'priorityName', 'categoryName', 'stateName', 'savedFilterName'], '/tickets');
    const filters = new URLSearchParams({ areaId: area.id, categoryId: category.id, priorityId: priority.id, stateId: state.id, assigneeId: technician.id, nodeId: node.id, planId: plan.id, localityId: locality.id });
    await admin.goto(`${ORIGIN}/tickets?${filters}`);
    await expect(admin.getByRole('list', { name: 'Filtros activos' })).toBeVisible();
    await expectInert(admin, dialogs, ['areaName', 'categoryName', 'priorityName', 'stateName', 'technicianName', 'nodeName', 'planName', 'localityName', 'ticketTitleEdited'], '/tickets with filters');
  });

  await test.step('the ticket: every tab, the map with its tooltip open', async () => {
    await admin.goto(`${ORIGIN}/tickets/${ticket.id}`);
    await expectInert(admin, dialogs, ['ticketTitleEdited', 'ticketCallNumber', 'ticketDescription', 'stateName', 'priorityName', 'categoryName', 'areaName', 'technicianName', 'customerName', 'connectionAddress', 'planName', 'nodeName', 'localityName'], 'ticket: detail');
    await admin.getByRole('tab', { name: 'Comentarios' }).click();
    await expectInert(admin, dialogs, ['publicComment', 'internalComment', 'portalReply', 'customerName', 'adminName'], 'ticket: comments');
    await admin.getByRole('tab', { name: 'Archivos' }).click();
    await expectInert(admin, dialogs, ['fileName', 'adminName'], 'ticket: files');
    // The right-to-left override is gone: the name reads as what the file is.
    const files = admin.getByRole('list', { name: 'Archivos del ticket' });
    await expect(files.getByRole('link', { name: 'gnp.txt', exact: true })).toBeVisible();
    expect(await files.evaluate((list) => list.textContent!.includes('\u202E'))).toBe(false);
    await admin.getByRole('tab', { name: 'Historial' }).click();
    await expectInert(admin, dialogs, ['ticketTitle', 'ticketTitleEdited', 'stateName', 'fileName', 'adminName', 'customerName'], 'ticket: history');
    await admin.getByRole('tab', { name: 'Facturación' }).click();
    await expectInert(admin, dialogs, ['categoryName'], 'ticket: billing');
    await admin.getByRole('tab', { name: 'Ubicación' }).click();
    const map = admin.getByTestId('ticket-map');
    await map.locator('path.ticket-location-marker').hover();
    await expect(map.locator('.leaflet-tooltip')).toBeVisible();
    await expectInert(admin, dialogs, ['connectionAddress', 'localityName'], 'ticket: location, marker hovered');
    await expect(map.locator('.leaflet-tooltip')).toHaveText(`Conexión: ${V.connectionAddress}`);
  });

  await test.step('customers', async () => {
    await admin.goto(`${ORIGIN}/customers`);
    await expectInert(admin, dialogs, ['customerName', 'localityName'], '/customers');
    await admin.goto(`${ORIGIN}/customers/${customer.id}`);
    await expectInert(admin, dialogs, ['customerName', 'customerAddress', 'customerNotes', 'localityName', 'connectionAddress', 'planName', 'nodeName', 'ticketTitleEdited', 'stateName', 'smsText'], '/customers/[id]');
    await admin.getByTestId('connection').getByRole('button', { name: 'Editar' }).click();
    await expectInert(admin, dialogs, ['connectionCode', 'connectionAddress'], '/customers/[id], connection form');
  });

  await test.step('users', async () => {
    await admin.goto(`${ORIGIN}/users`);
    await expectInert(admin, dialogs, ['adminName', 'technicianName'], '/users');
    await admin.goto(`${ORIGIN}/users/${technician.id}`);
    await expectInert(admin, dialogs, ['technicianName'], '/users/[id]');
  });

  await test.step('settings: company, ticket configuration with the category open, catalog', async () => {
    await admin.goto(`${ORIGIN}/settings`);
    await expectInert(admin, dialogs, ['tenantName'], '/settings');
    await admin.goto(`${ORIGIN}/settings/tickets`);
    await expectInert(admin, dialogs, ['areaName', 'stateName', 'priorityName', 'categoryName'], '/settings/tickets');
    await admin.getByRole('button', { name: `Editar ${V.categoryName}` }).click();
    await expect(admin.getByRole('form', { name: new RegExp('Editar') })).toBeVisible();
    await expectInert(admin, dialogs, ['categoryComment', 'categoryCustomerDescription', 'categoryReason1', 'categoryReason2'], '/settings/tickets, category form');
    await admin.goto(`${ORIGIN}/settings/catalog`);
    await expectInert(admin, dialogs, ['localityName', 'localityProvince', 'localityPostalCode', 'nodeName', 'planName'], '/settings/catalog');
  });

  await test.step('message logs and a message as it was sent', async () => {
    await admin.goto(`${ORIGIN}/messages/push`);
    await expectInert(admin, dialogs, ['pushTitle', 'pushText', 'technicianName', 'deviceLabel', 'adminName'], '/messages/push');
    await admin.goto(`${ORIGIN}/messages/sms`);
    await expectInert(admin, dialogs, ['smsText', 'customerName'], '/messages/sms');
    await admin.goto(`${ORIGIN}/messages/email`);
    await expectInert(admin, dialogs, ['ticketTitle'], '/messages/email');
    await admin.getByRole('button', { name: `Ver el mensaje a ${TECHNICIAN.email}` }).first().click();
    const dialog = admin.getByRole('dialog');
    await expect(dialog.getByTestId('message-text')).toContainText(V.ticketDescription);
    await expectInert(admin, dialogs, ['ticketTitle', 'ticketDescription', 'technicianName', 'customerName', 'connectionAddress'], 'an e-mail in the log');
    // The HTML as sent, in its sandboxed frame: the user text escaped there too.
    const sent = admin.frameLocator('iframe[title="El correo tal como se envió"]');
    await expect(sent.locator('body')).toContainText(V.ticketDescription);
    await expect(sent.locator('img[src="x"], svg, script')).toHaveCount(0);
  });

  await test.step('sign-in pages', async () => {
    const signedOut = await (await browser.newContext()).newPage();
    const signedOutDialogs = watchDialogs(signedOut);
    await signedOut.goto(`${ORIGIN}/login`);
    await expectInert(signedOut, signedOutDialogs, ['tenantName'], '/login');
  });

  // Every field above was found on at least one page, and every refusal was checked.
  expect(Object.keys(V).filter((f) => !checked.has(f as Field))).toEqual([]);
  expect(REFUSED.filter((f) => !refusedChecked.has(f))).toEqual([]);
});
