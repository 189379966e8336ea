// Tenant settings: the admin picks the portal's login field (F1, on the "App y portal" tab) and the customer portal follows;
// a Colombian tenant is told PQRS is on; the notification rules and the technicians' working hours are kept.
import { expect, test } from '@playwright/test';
import { ACME, ACME_PASSWORD, DEMO, STAFF, signInStaff, signOut } from './helpers';

test('the portal login field follows the tenant setting', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await page.goto(`${DEMO}/settings/portal`);
  await page.getByLabel('Dato con el que ingresan los clientes').selectOption('CODE');
  await page.getByRole('form', { name: 'App y portal' }).getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Cambios guardados')).toBeVisible();
  await signOut(page);

  await page.goto(`${DEMO}/portal/login`);
  await page.getByLabel('Número de cliente').fill('1001');
  await page.getByLabel('Contraseña').fill('antena-demo');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { name: 'Hola, María Fernández' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Secciones del portal' }).getByRole('link', { name: 'Perfil' }).click();
  // On the profile page, loaded (a click on its button while the page was still arriving was lost on a busy machine).
  await expect(page).toHaveURL(/\/portal\/profile/);
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/\/portal\/login/);

  await signInStaff(page, STAFF.admin);
  await page.goto(`${DEMO}/settings/portal`);
  await page.getByLabel('Dato con el que ingresan los clientes').selectOption('TAX_ID');
  await page.getByRole('form', { name: 'App y portal' }).getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Cambios guardados')).toBeVisible();
});

test('a Colombian tenant shows the PQRS note; a bad time zone is a field error', async ({ page }) => {
  await signInStaff(page, STAFF.admin, ACME_PASSWORD, ACME);
  await page.goto(`${ACME}/settings`);
  await expect(page.getByText(/categorías PQRS/)).toBeVisible();
  await page.getByLabel('Zona horaria').fill('America/Ninguna');
  await page.getByRole('form', { name: 'Empresa' }).getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByLabel('Zona horaria')).toHaveAttribute('aria-invalid', 'true');
});

test('the admin sets who is told what and the technicians’ working hours; they are kept', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await page.goto(`${DEMO}/settings`);
  const form = page.getByRole('form', { name: 'Notificaciones' });
  await form.getByLabel('Push de un ticket nuevo').selectOption({ label: 'A todos los técnicos' });
  await form.getByLabel('Al finalizar o cerrar un ticket, enviar al cliente el historial del trabajo (solo lo público)').check();
  await form.getByLabel('E-mail de la oficina').fill('oficina@demo.example');
  await form.getByLabel('Avisar solo en el horario de trabajo').check();
  await form.getByLabel('Hora de comienzo').fill('07:30');
  await form.getByLabel('Hora de fin').fill('07:30');
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(form.getByLabel('Hora de fin')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('El horario debe terminar a otra hora que la de comienzo.')).toBeVisible();
  await form.getByLabel('Hora de fin').fill('16:00');
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(form.getByText('Cambios guardados')).toBeVisible();

  await page.reload();
  const again = page.getByRole('form', { name: 'Notificaciones' });
  await expect(again.getByLabel('Push de un ticket nuevo')).toHaveValue('ALL');
  await expect(again.getByLabel('Hora de comienzo')).toHaveValue('07:30');
  await expect(again.getByLabel('Hora de fin')).toHaveValue('16:00');
  await expect(again.getByLabel('E-mail de la oficina')).toHaveValue('oficina@demo.example');
  // Back to the defaults, for the other specs.
  await again.getByLabel('Push de un ticket nuevo').selectOption('ASSIGNEE');
  await again.getByLabel('Avisar solo en el horario de trabajo').uncheck();
  await again.getByLabel('Al finalizar o cerrar un ticket, enviar al cliente el historial del trabajo (solo lo público)').uncheck();
  await again.getByLabel('E-mail de la oficina').fill('');
  await again.getByRole('button', { name: 'Guardar' }).click();
  await expect(again.getByText('Cambios guardados')).toBeVisible();
});
