// Tenant settings: the admin picks the portal's login field (F1) and the customer portal follows;
// a Colombian tenant is told PQRS is on.
import { expect, test } from '@playwright/test';
import { ACME, ACME_PASSWORD, DEMO, STAFF, signInStaff, signOut } from './helpers';

test('the portal login field follows the tenant setting', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await page.goto(`${DEMO}/settings`);
  await page.getByLabel('Dato con el que ingresan los clientes').selectOption('CODE');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Cambios guardados')).toBeVisible();
  await signOut(page);

  await page.goto(`${DEMO}/portal/login`);
  await page.getByLabel('Número de cliente').fill('1001');
  await page.getByLabel('Contraseña').fill('antena-demo');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { name: 'Hola, María Fernández' })).toBeVisible();
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/\/portal\/login/);

  await signInStaff(page, STAFF.admin);
  await page.goto(`${DEMO}/settings`);
  await page.getByLabel('Dato con el que ingresan los clientes').selectOption('TAX_ID');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Cambios guardados')).toBeVisible();
});

test('a Colombian tenant shows the PQRS note; a bad time zone is a field error', async ({ page }) => {
  await signInStaff(page, STAFF.admin, ACME_PASSWORD, ACME);
  await page.goto(`${ACME}/settings`);
  await expect(page.getByText(/categorías PQRS/)).toBeVisible();
  await page.getByLabel('Zona horaria').fill('America/Ninguna');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByLabel('Zona horaria')).toHaveAttribute('aria-invalid', 'true');
});
