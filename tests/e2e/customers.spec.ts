// A3/A4: an operator creates a customer with a connection and coordinates, finds it without accents,
// edits it, and soft-deletes it.
import { expect, test } from '@playwright/test';
import { DEMO, STAFF, signInStaff, signOut } from './helpers';
import { NO_COORDINATES } from './seed';

test('an operator creates a customer with a connection and finds it by an accent-less search; a supervisor deletes it', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Clientes' }).click();
  await page.getByRole('link', { name: 'Nuevo cliente' }).click();

  await page.getByLabel('Nombre').fill('Íñigo Muñoz Peñaloza');
  await page.getByLabel('Tipo de documento').selectOption('DNI');
  await page.getByLabel('Número de documento').fill('33.444.555');
  await page.getByLabel('Domicilio', { exact: true }).fill('Av. Mitre 1234');
  await page.getByLabel('Correo 1', { exact: true }).fill('inigo@correo.test');
  await page.getByLabel('Cargar una conexión ahora').check();
  await page.getByLabel('Domicilio de instalación').fill('Av. Mitre 1234, depto 3');
  await page.getByLabel('Latitud').fill('-34.6621');
  await page.getByLabel('Longitud').fill('-58.3652');
  await page.getByRole('button', { name: 'Crear' }).click();

  await expect(page.getByRole('heading', { name: 'Íñigo Muñoz Peñaloza' })).toBeVisible();
  await expect(page.getByText('33.444.555')).toBeVisible();
  await expect(page.getByText('Av. Mitre 1234, depto 3')).toBeVisible();
  await expect(page.getByRole('link', { name: '-34.66210, -58.36520' })).toHaveAttribute('href', /-34\.6621.*-58\.3652/);

  // A duplicate tax id is a field error on that field.
  await page.goto(`${DEMO}/customers/new`);
  await page.getByLabel('Nombre').fill('Otro Cliente');
  await page.getByLabel('Tipo de documento').selectOption('DNI');
  await page.getByLabel('Número de documento').fill('33444555');
  await page.getByRole('button', { name: 'Crear' }).click();
  await expect(page.getByText('Ya hay un cliente con este número de documento.')).toBeVisible();
  await expect(page.getByLabel('Número de documento')).toHaveAttribute('aria-invalid', 'true');

  // Accent-less, partial search finds the accented name.
  await page.goto(`${DEMO}/customers`);
  await page.getByLabel('Buscar').fill('inigo munoz');
  await expect(page).toHaveURL(/q=inigo/);
  const row = page.getByRole('row').filter({ hasText: 'Íñigo Muñoz Peñaloza' });
  await expect(row).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(2);
  // The search lives in the URL: a reload shows the same result.
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: 'Íñigo Muñoz Peñaloza' })).toBeVisible();

  await row.getByRole('link', { name: 'Íñigo Muñoz Peñaloza' }).click();
  await expect(page.getByRole('heading', { name: 'Íñigo Muñoz Peñaloza' })).toBeVisible();
  // Deleting is for managers: the operator has no such button.
  await expect(page.getByRole('button', { name: 'Eliminar cliente' })).toHaveCount(0);
  const detailUrl = page.url();
  await signOut(page);
  await signInStaff(page, STAFF.supervisor);
  await page.goto(detailUrl);
  await page.getByRole('button', { name: 'Eliminar cliente' }).click();
  await page.getByRole('button', { name: 'Confirmar' }).click();
  await expect(page.getByText('Este cliente está eliminado.')).toBeVisible();

  await page.goto(`${DEMO}/customers?q=inigo`);
  await expect(page.getByText('No hay resultados.')).toBeVisible();
});

test('the list pager: page 2 of a search goes back to the first page, whose URL keeps the search but no page', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  // One customer matches, so page 2 is empty and page 1 has no next page.
  await page.goto(`${DEMO}/customers?q=${NO_COORDINATES.code}&page=2`);
  const pager = page.getByRole('navigation', { name: 'Paginación' });
  await expect(pager.getByText('Página 2')).toBeVisible();
  await expect(page.getByText('No hay resultados.')).toBeVisible();
  await pager.getByRole('button', { name: 'Anterior' }).click();
  await expect(pager.getByText('Página 1')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: NO_COORDINATES.name })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`q=${NO_COORDINATES.code}`));
  await expect(page).not.toHaveURL(/page=/);
  await expect(pager.getByRole('button', { name: 'Anterior' })).toBeDisabled();
  await expect(pager.getByRole('button', { name: 'Siguiente' })).toBeDisabled();
});
