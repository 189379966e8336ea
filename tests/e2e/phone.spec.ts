// The back office on a phone and from the keyboard: the navigation folds into a menu button that
// says whether it is open, and a keyboard user can skip to the content and reach every link.
import { expect, test } from '@playwright/test';
import { STAFF, signInStaff } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('on a phone the navigation is a menu that opens, navigates and closes', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  const nav = page.getByRole('navigation', { name: 'Navegación principal' });
  const menu = page.getByRole('button', { name: 'Menú' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Clientes' })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await nav.getByRole('link', { name: 'Clientes' }).click();
  await expect(page.getByRole('heading', { name: 'Clientes', level: 1 })).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  // The list scrolls sideways inside its own box, not the whole page.
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(390);
});

test('a keyboard user skips to the content, or tabs through the navigation', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInStaff(page, STAFF.operator);
  // First Tab: the skip link; following it, the next Tab lands inside the page's content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Ir al contenido' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const focusedInMain = await page.evaluate(() => Boolean(document.activeElement?.closest('main')));
  expect(focusedInMain).toBe(true);

  // Without skipping, the navigation comes next, and Enter follows a link.
  await page.reload();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const nav = page.getByRole('navigation', { name: 'Navegación principal' });
  await expect(nav.getByRole('link', { name: 'Inicio' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Mesa de ayuda' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Clientes' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Clientes', level: 1 })).toBeVisible();
});
