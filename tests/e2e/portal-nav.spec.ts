// The portal's bottom bar on a phone (src/components/portal/portal-nav.tsx): its pages are not
// prefetched while the home loads — a finger reaching a link prefetches that page alone, and the tap
// opens it.
import { expect, test, type Request } from '@playwright/test';
import { DEMO, expectSystemTypeface, PHONE, signInDemoCustomer } from './helpers';

test.use({ ...PHONE });

test('the bottom bar prefetches a page when a finger reaches its link, not while the home loads', async ({ page }) => {
  // Prefetches of the bar's pages (the sign-in page's own links are not the bar's).
  const BAR = ['/portal/invoices', '/portal/tickets', '/portal/profile'];
  const prefetches: string[] = [];
  page.on('request', (request: Request) => {
    const path = new URL(request.url()).pathname;
    if (request.headers()['next-router-prefetch'] && BAR.includes(path)) prefetches.push(path);
  });
  await signInDemoCustomer(page);
  await expect(page.getByRole('heading', { name: 'Hola, María Fernández' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(prefetches).toEqual([]);

  const nav = page.getByRole('navigation', { name: 'Secciones del portal' });
  const invoices = nav.getByRole('link', { name: 'Facturas' });
  // The finger lands: that page, and only that one, is read ahead.
  await invoices.dispatchEvent('touchstart');
  await expect.poll(() => prefetches).toContain('/portal/invoices');
  expect(prefetches.filter((path) => path !== '/portal/invoices')).toEqual([]);

  await invoices.tap();
  await expect(page).toHaveURL(`${DEMO}/portal/invoices`);
  await expect(invoices).toHaveAttribute('aria-current', 'page');
});

test('the portal uses the phone’s own typeface: its pages fetch no font file', async ({ page }) => {
  await signInDemoCustomer(page);
  const heading = page.getByRole('heading', { name: 'Hola, María Fernández' });
  await expect(heading).toBeVisible();
  await expectSystemTypeface(page, heading);
});
