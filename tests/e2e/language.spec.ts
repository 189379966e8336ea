// A6: Spanish by default (the tenant's language); the user switches to English and Italian and it sticks.
import { expect, test } from '@playwright/test';
import { STAFF, signInStaff } from './helpers';

test('switch the language of the back office', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  const nav = page.getByRole('navigation', { name: 'Navegación principal' });
  await expect(nav.getByRole('link', { name: 'Clientes' })).toBeVisible();

  await page.getByLabel('Idioma').selectOption('en');
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Customers' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();

  await page.getByLabel('Language').selectOption('it');
  await expect(page.getByRole('heading', { name: 'Clienti', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Clienti', level: 1 })).toBeVisible();

  await page.getByLabel('Lingua').selectOption('es');
  await expect(page.getByRole('heading', { name: 'Clientes', level: 1 })).toBeVisible();
});
