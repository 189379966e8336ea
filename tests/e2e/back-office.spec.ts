// What a new user of the back office tripped over (issue 15, points 13, 15, 16, 17): it fits a
// 1280 px screen and a tablet without sideways scrolling, tabs are real tabs (arrow keys,
// aria-controls), a form sent twice saves once and starts over empty, an address that names no
// record is the not-found page, and the landing page promises only what exists.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, ROOT, STAFF, createTicketInUi, signInStaff } from './helpers';

const LONG_TITLE = 'Corte total en la zona norte del nodo después del mantenimiento programado de la red troncal';

/** The page does not scroll sideways (what is wider, a table, scrolls in its own box). */
async function fitsWidth(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} is ${overflow}px wider than the window`).toBeLessThanOrEqual(0);
}

/** Opens a back-office page and waits for its content (its h1, and a table's rows when it has one). */
async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
}

/** The tab's panel: its aria-controls names the element with role=tabpanel. */
async function panelOf(page: Page, tab: Locator): Promise<Locator> {
  const id = await tab.getAttribute('aria-controls');
  expect(id).toBeTruthy();
  const panel = page.locator(`[id="${id}"]`);
  await expect(panel).toHaveAttribute('role', 'tabpanel');
  return panel;
}

test('at 1280 × 800 nothing scrolls sideways: the grid shows its State column, the header its language and sign-out', async ({ page }) => {
  // Twelve pages, each loaded and measured.
  test.slow();
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInStaff(page, STAFF.admin);
  await createTicketInUi(page, LONG_TITLE, 'Toda la zona norte sin servicio.');
  await page.goto('/tickets');
  await expect(page.getByRole('link', { name: LONG_TITLE })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await fitsWidth(page);
  // The grid's default columns all fit: none hides past the right edge of its box.
  await expect(page.getByRole('columnheader', { name: 'Estado', exact: true })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('columnheader', { name: 'Comentarios' })).toBeInViewport({ ratio: 1 });
  for (const header of await page.getByRole('columnheader').all()) await expect(header).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeInViewport({ ratio: 1 });
  await expect(page.getByLabel('Idioma')).toBeInViewport({ ratio: 1 });
  // Icons are drawn (SVG), with a name where they stand alone: the notifications bell.
  await expect(page.locator('summary[aria-label="Notificaciones"] svg')).toHaveCount(1);

  await page.getByRole('link', { name: LONG_TITLE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(LONG_TITLE);
  await page.waitForLoadState('networkidle');
  await fitsWidth(page);
  for (const path of ['/', '/customers', '/messages/email', '/messages/sms', '/messages/push', '/users', '/settings', '/settings/tickets', '/settings/catalog', '/customers/import']) {
    await open(page, path);
    await fitsWidth(page);
  }
  await page.goto('/customers');
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'Conexiones' })).toBeVisible();
  await fitsWidth(page);
});

test('on a tablet (1024 × 768) nothing scrolls sideways and the header folds into a menu with the language and sign-out', async ({ page }) => {
  test.slow();
  await page.setViewportSize({ width: 1024, height: 768 });
  await signInStaff(page, STAFF.admin);
  const menu = page.getByRole('button', { name: 'Menú' });
  const signOut = page.getByRole('button', { name: 'Cerrar sesión' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(signOut).toBeHidden();
  await fitsWidth(page);

  await page.goto('/tickets');
  await expect(page.getByRole('tabpanel').getByRole('row').nth(1)).toBeVisible();
  await page.waitForLoadState('networkidle');
  await fitsWidth(page);
  await expect(page.getByRole('columnheader', { name: 'Estado', exact: true })).toBeInViewport({ ratio: 1 });
  for (const path of ['/customers', '/messages/email', '/users', '/settings', '/settings/tickets', '/settings/catalog']) {
    await open(page, path);
    await fitsWidth(page);
  }

  // The menu: the navigation, the language and sign-out, all on screen; Escape folds it again.
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Mesa de ayuda' })).toBeInViewport();
  await expect(page.getByLabel('Idioma')).toBeInViewport({ ratio: 1 });
  await expect(signOut).toBeInViewport({ ratio: 1 });
  await fitsWidth(page);
  await page.keyboard.press('Escape');
  await expect(signOut).toBeHidden();
  await expect(menu).toBeFocused();
  await menu.click();
  await page.getByLabel('Idioma').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Plans, nodes and localities' })).toBeVisible();
  if (!(await page.getByLabel('Language').isVisible())) await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByRole('heading', { level: 1, name: 'Planes, nodos y localidades' })).toBeVisible();
  if (!(await signOut.isVisible())) await menu.click();
  await signOut.click();
  await expect(page).toHaveURL(/\/login/);
});

test('the grid’s stage tabs: one Tab stop, the arrow keys, Home and End move between them, aria-controls names the panel', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  // The tab is in the URL.
  await page.goto('/tickets');
  const stages = page.getByRole('tablist', { name: 'Etapas de los tickets' });
  const pending = stages.getByRole('tab', { name: /Pendientes/ });
  const finished = stages.getByRole('tab', { name: /Finalizados/ });
  const closed = stages.getByRole('tab', { name: /Cerrados/ });
  await expect(pending).toHaveAttribute('aria-selected', 'true');
  await expect(await panelOf(page, pending)).toBeVisible();
  // One Tab stop for the whole list: Tab from the element before it lands on the selected tab.
  await expect(finished).toHaveAttribute('tabindex', '-1');
  await expect(closed).toHaveAttribute('tabindex', '-1');
  // The element before the tabs is the dashboard's fold button (folded: its charts' links would come between).
  const dashboard = page.getByRole('region', { name: 'Panel de control' }).getByRole('button', { name: 'Panel de control' });
  await expect(dashboard).toBeEnabled();
  if ((await dashboard.getAttribute('aria-expanded')) === 'true') await dashboard.click();
  await expect(dashboard).toHaveAttribute('aria-expanded', 'false');
  // Before hydration Tab stops on the list itself (Radix hands the focus to the selected tab only once React listens): try again until it does.
  await expect(async () => {
    await dashboard.focus();
    await page.keyboard.press('Tab');
    await expect(pending).toBeFocused({ timeout: 1_000 });
  }).toPass();
  await expect(pending).toHaveAttribute('tabindex', '0');
  // Before the page is hydrated the arrows do nothing: focus and press again until the next tab holds the focus.
  await expect(async () => {
    await pending.focus();
    await page.keyboard.press('ArrowRight');
    await expect(finished).toBeFocused({ timeout: 1_000 });
  }).toPass();
  await expect(finished).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/tab=FINISHED/);
  await expect(await panelOf(page, finished)).toBeVisible();
  await page.keyboard.press('End');
  await expect(closed).toBeFocused();
  await expect(page).toHaveURL(/tab=CLOSED/);
  await page.keyboard.press('ArrowRight');
  await expect(pending).toBeFocused();
  await expect(page).not.toHaveURL(/tab=/);
});

test('a ticket’s section tabs follow the arrow keys, each naming its panel', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await createTicketInUi(page, 'Pestañas con teclado', 'Probar las pestañas.');
  await page.getByLabel('Buscar', { exact: true }).fill('pestanas con teclado');
  await page.getByRole('link', { name: 'Pestañas con teclado' }).click();
  const sections = page.getByRole('tablist', { name: 'Secciones del ticket' });
  const detail = sections.getByRole('tab', { name: 'Detalle' });
  await expect(detail).toHaveAttribute('aria-selected', 'true');
  await expect((await panelOf(page, detail)).getByRole('form', { name: 'Datos del ticket' })).toBeVisible();
  await detail.focus();
  await page.keyboard.press('ArrowRight');
  const comments = sections.getByRole('tab', { name: 'Comentarios' });
  await expect(comments).toBeFocused();
  await expect((await panelOf(page, comments)).getByRole('form', { name: 'Agregar un comentario' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(detail).toHaveAttribute('aria-selected', 'true');
});

test('tabs that are pages (the message channels, the configuration’s sections): the arrows move the focus, Enter opens the page', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await page.goto('/messages/email');
  const channels = page.getByRole('tablist', { name: 'Canales' });
  const email = channels.getByRole('tab', { name: 'Correos' });
  await expect(email).toHaveAttribute('aria-selected', 'true');
  await expect(await panelOf(page, email)).toContainText('Mis filtros');
  await email.focus();
  await page.keyboard.press('ArrowRight');
  await expect(channels.getByRole('tab', { name: 'SMS' })).toBeFocused();
  await expect(page).toHaveURL(`${DEMO}/messages/email`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${DEMO}/messages/sms`);
  await expect(page.getByRole('tablist', { name: 'Canales' }).getByRole('tab', { name: 'SMS' })).toHaveAttribute('aria-selected', 'true');

  // The configuration's sections, one item in the navigation.
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Configuración' }).click();
  const settings = page.getByRole('tablist', { name: 'Secciones de la configuración' });
  const general = settings.getByRole('tab', { name: 'Empresa y avisos' });
  await expect(general).toHaveAttribute('aria-selected', 'true');
  await expect(await panelOf(page, general)).toContainText('Empresa');
  // Before the page is hydrated the arrows do nothing: focus and press again until the next tab holds the focus.
  await expect(async () => {
    await general.focus();
    await page.keyboard.press('ArrowRight');
    await expect(settings.getByRole('tab', { name: 'App y portal' })).toBeFocused({ timeout: 1_000 });
  }).toPass();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${DEMO}/settings/portal`);
  await expect(page.getByRole('heading', { level: 1, name: 'App y portal' })).toBeVisible();
  await expect(settings.getByRole('tab', { name: 'App y portal' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Configuración' })).toHaveAttribute('aria-current', 'page');
});

test('a double click on "Crear ticket" makes one ticket, and the form starts over empty', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto('/tickets');
  await page.getByRole('button', { name: 'Nuevo ticket' }).click();
  const form = page.getByRole('form', { name: 'Nuevo ticket' });
  await form.getByLabel('Buscar cliente').fill('maria fernandez');
  await form.getByLabel('Cliente', { exact: true }).selectOption({ label: 'María Fernández (1001)' });
  await form.getByLabel('Descripción').fill('Doble clic sobre crear: el router parpadea en rojo.');
  await form.getByLabel('Completar más datos').check();
  await form.getByLabel('Título').fill('Doble clic en crear');
  await form.getByRole('button', { name: 'Crear ticket' }).dblclick();
  await expect(form.getByRole('status')).toHaveText(/Ticket #\d+ creado\./);
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Buscar', { exact: true }).fill('doble clic sobre crear');
  await expect(page).toHaveURL(/q=doble/);
  await expect(page.getByRole('tabpanel').getByRole('row').filter({ hasText: 'Doble clic en crear' })).not.toHaveCount(0);
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('tabpanel').getByRole('row').filter({ hasText: 'Doble clic en crear' })).toHaveCount(1);
  // Cleared: another ticket starts from nothing.
  await expect(form.getByLabel('Descripción')).toHaveValue('');
  await expect(form.getByLabel('Cliente', { exact: true })).toHaveValue('');
  await expect(form.getByLabel('Completar más datos')).not.toBeChecked();

  // Sent twice in the same instant (faster than any click): still one ticket.
  await form.getByLabel('Descripción').fill('Enviado dos veces en el mismo instante.');
  await form.getByLabel('Completar más datos').check();
  await form.getByLabel('Título').fill('Enviado dos veces');
  await form.evaluate((f: HTMLFormElement) => {
    f.requestSubmit();
    f.requestSubmit();
  });
  await expect(form.getByRole('status')).toHaveText(/Ticket #\d+ creado\./);
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Buscar', { exact: true }).fill('enviado dos veces');
  await expect(page).toHaveURL(/q=enviado/);
  await expect(page.getByRole('tabpanel').getByRole('row').filter({ hasText: 'Enviado dos veces' })).not.toHaveCount(0);
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('tabpanel').getByRole('row').filter({ hasText: 'Enviado dos veces' })).toHaveCount(1);
});

test('a comment sent with a double click is one comment, and the box empties', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await createTicketInUi(page, 'Doble clic en enviar', 'Un ticket para comentar dos veces.');
  await page.getByLabel('Buscar', { exact: true }).fill('doble clic en enviar');
  await page.getByRole('link', { name: 'Doble clic en enviar' }).click();
  await page.getByRole('tab', { name: 'Comentarios' }).click();
  const add = page.getByRole('form', { name: 'Agregar un comentario' });
  await add.getByLabel('Agregar un comentario').fill('Un solo comentario aunque se envíe dos veces.');
  await add.getByRole('button', { name: 'Enviar' }).dblclick();
  const thread = page.getByRole('list', { name: 'Comentarios' });
  await expect(thread.getByRole('listitem').filter({ hasText: 'Un solo comentario' })).toHaveCount(1);
  await expect(add.getByLabel('Agregar un comentario')).toHaveValue('');
  await page.waitForLoadState('networkidle');
  await page.reload();
  await page.getByRole('tab', { name: 'Comentarios' }).click();
  await expect(page.getByRole('list', { name: 'Comentarios' }).getByRole('listitem').filter({ hasText: 'Un solo comentario' })).toHaveCount(1);
});

test('an add form refused by the server keeps what was typed, and empties once the item is saved', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await page.goto('/settings/catalog');
  const plans = page.locator('section', { has: page.getByRole('heading', { name: 'Planes', exact: true }) });
  await plans.getByLabel('Nombre del plan').fill('Fibra 900 simétrico');
  await plans.getByLabel('Bajada (Mbps)').fill('900');
  // No upload speed: refused on its field, and the name and the download are still there to fix it.
  await plans.getByRole('button', { name: 'Agregar' }).click();
  await expect(plans.getByLabel('Subida (Mbps)')).toHaveAttribute('aria-invalid', 'true');
  await expect(plans.getByLabel('Nombre del plan')).toHaveValue('Fibra 900 simétrico');
  await expect(plans.getByLabel('Bajada (Mbps)')).toHaveValue('900');
  await plans.getByLabel('Subida (Mbps)').fill('900');
  await plans.getByRole('button', { name: 'Agregar' }).click();
  await expect(plans.getByRole('listitem').filter({ hasText: 'Fibra 900 simétrico' })).toBeVisible();
  await expect(plans.getByLabel('Nombre del plan')).toHaveValue('');
});

test('removing a ticket’s file asks first, in a dialog that Escape cancels', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await createTicketInUi(page, 'Archivo para quitar', 'Un ticket con un archivo de más.');
  await page.getByLabel('Buscar', { exact: true }).fill('archivo para quitar');
  await page.getByRole('link', { name: 'Archivo para quitar' }).click();
  await page.getByRole('tab', { name: 'Archivos' }).click();
  const upload = page.getByRole('form', { name: 'Subir archivos' });
  await upload.getByLabel('Archivos o imágenes').setInputFiles({ name: 'notas.txt', mimeType: 'text/plain', buffer: Buffer.from('Notas de la visita.\n') });
  await upload.getByRole('button', { name: 'Subir archivos' }).click();
  await expect(upload.getByRole('status')).toHaveText('Se subió 1 archivo.');
  const files = page.getByRole('list', { name: 'Archivos del ticket' });
  await expect(files.getByRole('listitem')).toHaveCount(1);
  await files.getByRole('button', { name: 'Quitar' }).click();
  const confirm = page.getByRole('alertdialog', { name: '¿Quitar «notas.txt» del ticket? El historial conserva su nombre.' });
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(files.getByRole('listitem')).toHaveCount(1);
  await files.getByRole('button', { name: 'Quitar' }).click();
  await confirm.getByRole('button', { name: 'Quitar' }).click();
  await expect(page.getByText('Este ticket todavía no tiene archivos.')).toBeVisible();
});

/** The back office's not-found page: translated, never a form error, the navigation kept. */
async function expectNotFound(page: Page, path: string, status?: number) {
  const response = await page.goto(path);
  if (status) expect(response?.status()).toBe(status);
  await expect(page.getByRole('heading', { name: 'Página no encontrada' })).toBeVisible();
  await expect(page.getByText('Lo que buscás no existe o no está a tu alcance.')).toBeVisible();
  await expect(page.getByText('Revisá los campos marcados.')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Navegación principal' })).toBeVisible();
}

test('an address whose id is not an id is a 404 with the not-found page, not "Revisá los campos marcados."', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await expectNotFound(page, '/tickets/not-a-ticket', 404);
  await expectNotFound(page, '/customers/42', 404);
  await expectNotFound(page, '/users/nadie', 404);
});

test('a well-formed id of no record (or of one out of reach: the API answers the same) is the not-found page', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await expectNotFound(page, '/tickets/0190a3b2-6c1e-7d4f-9a2b-3c4d5e6f7a8b');
  await expectNotFound(page, '/customers/0190a3b2-6c1e-7d4f-9a2b-3c4d5e6f7a8b');
  await expectNotFound(page, '/users/0190a3b2-6c1e-7d4f-9a2b-3c4d5e6f7a8b');
});

test('an address that names no ticket is the not-found page in the technician app', async ({ page }) => {
  await signInStaff(page, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  const response = await page.goto('/tech/tickets/no-es-un-ticket');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Página no encontrada' })).toBeVisible();
  // A well-formed id opens the app on it, which says the ticket is not there for this technician.
  await page.goto('/tech/tickets/0190a3b2-6c1e-7d4f-9a2b-3c4d5e6f7a8b');
  await expect(page).toHaveURL(/\/tech\?ticket=0190a3b2-6c1e-7d4f-9a2b-3c4d5e6f7a8b$/);
  await expect(page.getByRole('alert').filter({ hasText: 'Este ticket ya no está disponible para vos' })).toBeVisible();
});

test('the landing page lists only what the product does today, in every language', async ({ page }) => {
  await page.goto(ROOT);
  const features = page.getByRole('list').filter({ hasText: 'Mesa de ayuda' });
  await expect(page.getByRole('heading', { name: 'Lo que Antena hace hoy' })).toBeVisible();
  await expect(features.getByRole('listitem')).toHaveCount(6);
  await expect(features).toContainText('App para técnicos');
  await expect(features).toContainText('Portal para tus clientes');
  await expect(features).toContainText('también sin conexión');
  // Not yet built: the dashboard, the portal's invoices and payments.
  for (const promise of [/tablero/i, /factura/i, /pago/i]) await expect(page.locator('main')).not.toContainText(promise);
  await page.getByLabel('Idioma').selectOption('en');
  await expect(page.getByRole('heading', { name: 'What Antena does today' })).toBeVisible();
  await expect(page.locator('main')).toContainText('offline too');
  for (const promise of [/dashboard/i, /invoice/i, /payment/i]) await expect(page.locator('main')).not.toContainText(promise);
  await page.getByLabel('Language').selectOption('it');
  await expect(page.getByRole('heading', { name: 'Cosa fa Antena oggi' })).toBeVisible();
  await expect(page.locator('main')).toContainText('anche offline');
  for (const promise of [/dashboard/i, /fattur/i, /pagament/i]) await expect(page.locator('main')).not.toContainText(promise);
  await page.getByLabel('Lingua').selectOption('es');
});
