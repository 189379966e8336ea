// C6: the ticket view's detail tab edits the ticket's customer in place (customers.update) and gives
// them a new portal password (customers.portalPassword) — the same form, validation, confirmation and
// one-time display as the customer's page. The new data shows on the ticket and on the customer's
// page; the customer signs in to the portal with the new password; a technician sees no such controls.
import { expect, test } from '@playwright/test';
import { createTicketOnConnection, DEMO, DEMO_PASSWORD, formAlert, STAFF, signInStaff, signOut } from './helpers';

// A demo customer no other spec touches: code 1025, DNI 23.171.953, no portal password yet.
const CUSTOMER = { code: '1025', name: 'Diego Pérez', label: 'Diego Pérez (1025)', taxId: '23171953' };
const TITLE = 'Sin señal en lo de Diego';

test('an operator edits the customer and regenerates the portal password from the ticket; a technician sees no such controls', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto('/tickets');
  await createTicketOnConnection(page, { code: CUSTOMER.code, customer: CUSTOMER.label, title: TITLE, description: 'El cliente no tiene señal desde ayer.' });
  await page.goto(`/tickets?q=${encodeURIComponent('sin senal en lo de diego')}`);
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE);
  const ticketUrl = page.url();

  // The card shows the customer's data, the tax id the Argentine way.
  await expect(page.getByText('DNI 23.171.953')).toBeVisible();
  await expect(page.getByTestId('ticket-customer-emails')).toHaveText('cliente1025@example.com');
  await expect(page.getByText('El cliente todavía no tiene contraseña de portal.')).toBeVisible();

  // A bad e-mail is a field error, in Spanish; nothing is saved.
  await page.getByRole('button', { name: 'Editar cliente' }).click();
  const form = page.getByRole('form', { name: 'Datos del cliente' });
  await expect(form.getByLabel('Nombre')).toHaveValue(CUSTOMER.name);
  await form.getByLabel('Correo 1', { exact: true }).fill('no-es-un-correo');
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(form.getByLabel('Correo 1', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Correo electrónico no válido.')).toBeVisible();
  await expect(form.getByText('Revisá los campos marcados.')).toBeVisible();

  // Cancel leaves the data as it was.
  await form.getByRole('button', { name: 'Cancelar' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('ticket-customer-emails')).toHaveText('cliente1025@example.com');

  // A good e-mail and a new phone are saved and shown on the ticket at once.
  await page.getByRole('button', { name: 'Editar cliente' }).click();
  await form.getByLabel('Correo 1', { exact: true }).fill('diego.perez@correo.test');
  await form.getByLabel('Teléfono 1', { exact: true }).fill('+54 11 5555-0125');
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByText('Cambios guardados')).toBeVisible();
  await expect(page.getByTestId('ticket-customer-emails')).toHaveText('diego.perez@correo.test');
  await expect(page.getByTestId('ticket-customer-phones')).toHaveText('+54 11 5555-0125');
  // Kept: a reload reads it back from the server.
  await page.reload();
  await expect(page.getByTestId('ticket-customer-emails')).toHaveText('diego.perez@correo.test');
  await expect(page.getByTestId('ticket-customer-phones')).toHaveText('+54 11 5555-0125');

  // The customer's page shows the same data.
  await page.getByRole('link', { name: CUSTOMER.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: CUSTOMER.name })).toBeVisible();
  await expect(page.getByLabel('Correo 1', { exact: true })).toHaveValue('diego.perez@correo.test');
  await expect(page.getByLabel('Teléfono 1', { exact: true })).toHaveValue('+54 11 5555-0125');
  // The customer's page gives a portal password the same way (the shared part): a first one here.
  await expect(page.getByText('El cliente todavía no tiene contraseña de portal.')).toBeVisible();
  await page.getByRole('button', { name: 'Generar nueva contraseña' }).click();
  await page.getByRole('button', { name: 'Confirmar' }).click();
  await expect(page.getByTestId('portal-password')).toHaveText(/^Nueva contraseña: [A-Za-z0-9]{12} — /);
  const first = /Nueva contraseña: (\S+) —/.exec((await page.getByTestId('portal-password').textContent()) ?? '')![1]!;
  await expect(page.getByText('El cliente tiene contraseña de portal.')).toBeVisible();

  // From the ticket, a new one replaces it: asked first and shown once.
  await page.goto(ticketUrl);
  await expect(page.getByText('El cliente tiene contraseña de portal.')).toBeVisible();
  await expect(page.getByTestId('portal-password')).toHaveCount(0);
  await page.getByRole('button', { name: 'Regenerar contraseña del portal' }).click();
  await expect(page.getByText('¿Generar una nueva contraseña de portal? La anterior dejará de funcionar.')).toBeVisible();
  await page.getByRole('button', { name: 'Confirmar' }).click();
  const shown = page.getByTestId('portal-password');
  await expect(shown).toHaveText(/^Nueva contraseña: [A-Za-z0-9]{12} — comunicásela al cliente; no se vuelve a mostrar\.$/);
  const password = /Nueva contraseña: (\S+) —/.exec((await shown.textContent()) ?? '')![1]!;
  expect(password).not.toBe(first);

  // Assign the ticket to the technician, for the check below.
  const edit = page.getByRole('form', { name: 'Datos del ticket' });
  await edit.getByLabel('Asignado a').selectOption({ label: 'Tomás Técnico' });
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Asignado a: Tomás Técnico')).toBeVisible();
  await signOut(page);

  // The first password no longer works; the customer signs in to the portal with the new one.
  await page.goto(`${DEMO}/portal/login`);
  await page.getByLabel('Número de documento').fill(CUSTOMER.taxId);
  await page.getByLabel('Contraseña').fill(first);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(formAlert(page)).toHaveText('Usuario o contraseña incorrectos.');
  await page.getByLabel('Número de documento').fill(CUSTOMER.taxId);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { name: `Hola, ${CUSTOMER.name}` })).toBeVisible();
  await page.getByRole('navigation', { name: 'Secciones del portal' }).getByRole('link', { name: 'Perfil' }).click();
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/\/portal\/login/);

  // The technician's ticket page shows the customer, and no controls to edit them or their password;
  // the back office's ticket view is not theirs (sent to /tech).
  await signInStaff(page, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await page.goto(ticketUrl);
  await expect(page).toHaveURL(/\/tech$/);
  await page.getByRole('navigation', { name: 'Secciones de la app' }).getByRole('link', { name: 'Tickets' }).click();
  await page.getByRole('list', { name: 'Mis tickets' }).getByRole('link', { name: new RegExp(TITLE) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE);
  await expect(page.getByRole('tabpanel').getByText(CUSTOMER.name)).toBeVisible();
  await expect(page.getByRole('link', { name: '+54 11 5555-0125' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Editar/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /contraseña/i })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Datos del cliente' })).toHaveCount(0);
});
