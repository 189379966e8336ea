// A1: an ISP signs up on the root domain and its admin lands, signed in, on the new subdomain.
import { expect, test } from '@playwright/test';
import { ROOT } from './helpers';

test('self-service sign-up creates the tenant and signs its admin in on the new subdomain', async ({ page }) => {
  await page.goto(ROOT);
  await page.getByLabel('Nombre de la empresa').fill('Red Andina');
  await page.getByLabel('Subdominio').fill('red-andina');
  await page.getByLabel('País').selectOption('CO');
  await page.getByLabel('Tu nombre').fill('Laura Gómez');
  await page.getByLabel('Tu correo electrónico').fill('laura@redandina.test');
  await page.getByLabel('Contraseña (mínimo 10 caracteres)').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await expect(page).toHaveURL(/^http:\/\/red-andina\.localhost:\d+\/$/);
  await expect(page.getByRole('heading', { name: 'Hola, Laura Gómez' })).toBeVisible();
  await expect(page.getByText('Red Andina').first()).toBeVisible();

  // The subdomain is taken now: a second sign-up gets a field error.
  await page.goto(ROOT);
  await page.getByLabel('Nombre de la empresa').fill('Otra Red');
  await page.getByLabel('Subdominio').fill('red-andina');
  await page.getByLabel('Tu nombre').fill('Otro');
  await page.getByLabel('Tu correo electrónico').fill('otro@redandina.test');
  await page.getByLabel('Contraseña (mínimo 10 caracteres)').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await expect(page.getByText(/subdominio ya está en uso/i)).toBeVisible();
});
