// F14 on a phone: the customer's portal, once opened with a network, shows its last account data and
// tickets without one — pages rendered with their data and kept by the service worker — read-only and
// saying when they were saved; a section that needs the network says so; the connection back, the
// page is read again; signing out drops the kept pages.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, PHONE } from './helpers';

test.use({ ...PHONE });
// Signs in, waits for the worker, reloads offline and online: more than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

const kept = (page: Page, path: string) => page.evaluate(async (p) => Boolean(await caches.match(p, { cacheName: 'antena-pages' })), path);

test('offline, the portal shows the saved account and tickets read-only with their age; other sections say they need the network', async ({ page, context }) => {
  await page.goto(`${DEMO}/portal/login`);
  await page.getByLabel('Número de documento').fill('30.123.456');
  await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { name: 'Hola, María Fernández' })).toBeVisible();
  // The worker takes the page, then keeps the home, the tickets and the offline page (asked by the app).
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active !== null)).toBe(true);
  for (const path of ['/portal', '/portal/tickets', '/portal/offline']) await expect.poll(() => kept(page, path), { timeout: 30_000 }).toBe(true);
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // Online and fresh: no notice.
  await expect(page.getByTestId('portal-saved')).toHaveCount(0);
  const debt = await page.getByTestId('home-debt').textContent();
  const overdue = await page.getByTestId('home-overdue').textContent();
  const connections = await page.getByTestId('home-connection').count();
  expect(connections).toBeGreaterThan(0);

  const nav = page.getByRole('navigation', { name: 'Secciones del portal' });
  await nav.getByRole('link', { name: 'Tickets' }).click();
  await expect(page).toHaveURL(`${DEMO}/portal/tickets`);
  const list = page.getByRole('list', { name: 'Mis tickets' });
  await expect(list).toBeVisible();
  const titles = await list.getByRole('listitem').locator('button span.font-medium').allTextContents();
  expect(titles.length).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: 'Actualizar' })).toBeVisible();

  await context.setOffline(true);
  let reread: Promise<unknown> | undefined;
  try {
    // The home from the kept copy: the same figures, the notice with when it was saved.
    await page.goto(`${DEMO}/portal`);
    const notice = page.getByTestId('portal-saved');
    await expect(notice).toContainText('Sin conexión');
    await expect(notice).toContainText(/Guardados el .+\(.+\)/);
    await expect(notice).toContainText('Solo lectura');
    await expect(page.getByTestId('home-debt')).toHaveText(debt!);
    await expect(page.getByTestId('home-overdue')).toHaveText(overdue!);
    await expect(page.getByTestId('home-connection')).toHaveCount(connections);
    await expect(page.getByRole('link', { name: 'Pagar' })).toHaveCount(0);

    // A move inside the app offline lands on the kept tickets, read-only.
    await nav.getByRole('link', { name: 'Tickets' }).click();
    await expect(page).toHaveURL(`${DEMO}/portal/tickets`);
    await expect(page.getByTestId('portal-saved')).toContainText('Sin conexión');
    await expect(list.getByRole('listitem').locator('button span.font-medium')).toHaveText(titles);
    await expect(list.getByRole('listitem').first().getByRole('button')).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Actualizar' })).toHaveCount(0);
    await expect(page.locator('a[href^="/portal/tickets/new"]')).toHaveCount(0);

    // A section never kept: the offline page, with the ways to what is.
    await nav.getByRole('link', { name: 'Facturas' }).click();
    await expect(page.getByTestId('portal-offline-page')).toBeVisible();
    await expect(page.getByTestId('portal-offline-page')).toContainText('Esta sección necesita conexión');
    await page.getByTestId('portal-offline-page').getByRole('link', { name: 'Mis tickets' }).click();
    await expect(page.getByTestId('portal-saved')).toContainText('Sin conexión');
    await expect(list.getByRole('listitem')).toHaveCount(titles.length);
    // The connection back: the page is read again (its server render) and the notice goes.
    reread = page.waitForRequest((r) => new URL(r.url()).pathname === '/portal/tickets' && r.headers()['rsc'] === '1');
    reread.catch(() => undefined);
  } finally {
    await context.setOffline(false);
  }
  await reread;
  await expect(page.getByTestId('portal-saved')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Actualizar' })).toBeVisible();

  // Signing out (a shared phone): the kept pages go.
  await nav.getByRole('link', { name: 'Perfil' }).click();
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/\/portal\/login/);
  expect(await kept(page, '/portal')).toBe(false);
  expect(await kept(page, '/portal/tickets')).toBe(false);
});
