// A2 and staff users: the admin creates a user, changes its role, deactivates it — and each change
// shows in what that user can do.
import { expect, test } from '@playwright/test';
import { DEMO, STAFF, formAlert, signInStaff, signOut } from './helpers';

test('an admin creates a user, changes its role and deactivates it', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Usuarios' }).click();
  await page.getByRole('button', { name: 'Nuevo usuario' }).click();
  await page.getByLabel('Nombre', { exact: true }).fill('Tomás Ibáñez');
  await page.getByLabel('Correo electrónico', { exact: true }).fill('tomas@demo.antena.test');
  await page.getByLabel('Rol', { exact: true }).selectOption('TECHNICIAN');
  await page.getByLabel('Contraseña inicial').fill('clave-tomas-1');
  await page.getByRole('button', { name: 'Crear' }).click();
  const row = page.getByTestId('user-tomas@demo.antena.test');
  await expect(row).toContainText('Tomás Ibáñez');
  await expect(row.getByLabel('Rol — Tomás Ibáñez')).toHaveValue('TECHNICIAN');

  // The same e-mail twice in one tenant is a field error.
  await page.getByRole('button', { name: 'Nuevo usuario' }).click();
  await page.getByLabel('Nombre', { exact: true }).fill('Otro Tomás');
  await page.getByLabel('Correo electrónico', { exact: true }).fill('TOMAS@demo.antena.test');
  await page.getByLabel('Contraseña inicial').fill('clave-tomas-2');
  await page.getByRole('button', { name: 'Crear' }).click();
  await expect(page.getByText('Ya hay un usuario con este correo.')).toBeVisible();

  await row.getByLabel('Rol — Tomás Ibáñez').selectOption('OPERATOR');
  await expect(row.getByLabel('Rol — Tomás Ibáñez')).toHaveValue('OPERATOR');
  await page.reload();
  await expect(page.getByTestId('user-tomas@demo.antena.test').getByLabel('Rol — Tomás Ibáñez')).toHaveValue('OPERATOR');

  // As an operator now, Tomás reaches the back office, not the technician app.
  await signOut(page);
  await signInStaff(page, 'tomas@demo.antena.test', 'clave-tomas-1');
  await expect(page.getByRole('heading', { name: 'Hola, Tomás Ibáñez' })).toBeVisible();
  await signOut(page);

  await signInStaff(page, STAFF.admin);
  await page.goto(`${DEMO}/users`);
  await page.getByTestId('user-tomas@demo.antena.test').getByRole('button', { name: 'Desactivar' }).click();
  await page.getByRole('button', { name: 'Confirmar' }).click();
  await expect(page.getByTestId('user-tomas@demo.antena.test')).toContainText('Desactivado');
  await signOut(page);

  await page.getByLabel('Correo electrónico').fill('tomas@demo.antena.test');
  await page.getByLabel('Contraseña').fill('clave-tomas-1');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(formAlert(page)).toHaveText('Usuario o contraseña incorrectos.');
});

test('an operator cannot open the users page: it sends them home', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto(`${DEMO}/users`);
  await expect(page).toHaveURL(`${DEMO}/`);
  await expect(page.getByRole('heading', { name: 'Usuarios' })).toHaveCount(0);
});
