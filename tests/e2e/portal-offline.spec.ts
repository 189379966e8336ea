// F14 on a phone: the customer's portal, once opened with a network, shows its last account data and
// tickets without one — the pages from the service worker, the answers from the phone's storage —
// read-only, saying how old they are; signing out leaves nothing of the customer's on the phone.
import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, PHONE } from './helpers';

test.use({ ...PHONE });
test.describe.configure({ timeout: 120_000 });

test('offline, the portal shows the saved invoices and tickets read-only, with their age; signing out drops them', async ({ page, context }) => {
  await page.goto(`${DEMO}/portal/login`);
  await page.getByLabel('Número de documento').fill('30.123.456');
  await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { name: 'Hola, María Fernández' })).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready);
  const nav = page.getByRole('navigation', { name: 'Secciones del portal' });
  // Each page once with the network: the worker keeps the page, the phone keeps the answers.
  for (const [link, path] of [['Facturas', '/portal/invoices'], ['Tickets', '/portal/tickets']] as const) {
    await nav.getByRole('link', { name: link }).click();
    await expect(page).toHaveURL(`${DEMO}${path}`);
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).toBe(`${DEMO}/sw.js`);
    await expect.poll(() => page.evaluate(async (p) => Boolean(await caches.match(p, { cacheName: 'antena-pages' })), path)).toBe(true);
  }
  await expect(page.getByRole('list', { name: 'Mis tickets' })).toBeVisible();
  const tickets = await page.getByRole('list', { name: 'Mis tickets' }).getByRole('listitem').count();
  expect(tickets).toBeGreaterThan(0);
  await page.goto(`${DEMO}/portal/invoices`);
  const invoices = page.getByRole('list', { name: 'Mis facturas' });
  await expect(invoices).toBeVisible();
  const invoiceCount = await invoices.getByRole('listitem').count();
  const debt = await page.getByTestId('portal-debt').textContent();

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: 'Sin conexión' })).toContainText(/hace|ahora/);
    await expect(invoices.getByRole('listitem')).toHaveCount(invoiceCount);
    await expect(page.getByTestId('portal-debt')).toHaveText(debt!);
    // Read-only: the page's controls are off until the network is back.
    await expect(page.getByLabel('Buscar facturas')).toBeDisabled();
    await page.goto(`${DEMO}/portal/tickets`);
    await expect(page.getByRole('list', { name: 'Mis tickets' }).getByRole('listitem')).toHaveCount(tickets);
    await expect(page.getByRole('status').filter({ hasText: 'Sin conexión' })).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Sin conexión' })).toHaveCount(0);

  // Signing out (a shared phone): the saved answers go with the kept pages.
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('antena-portal:')).length)).toBe(1);
  await nav.getByRole('link', { name: 'Perfil' }).click();
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/\/portal\/login/);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('antena-portal:')))).toEqual([]);
});
