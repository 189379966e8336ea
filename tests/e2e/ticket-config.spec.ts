// B1–B8: an admin configures tickets — a new area, a category with every field of B4, an area in
// use archived instead of deleted, and a new default; a Colombian tenant sees PQRS built in.
import { expect, test } from '@playwright/test';
import { ACME, ACME_PASSWORD, DEMO, STAFF, signInStaff } from './helpers';

test('an admin configures an area and a category; an area in use is archived, then restored', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Configuración' }).click();
  await page.getByRole('tablist', { name: 'Secciones de la configuración' }).getByRole('tab', { name: 'Tickets' }).click();
  await expect(page.getByRole('heading', { name: 'Configuración de tickets', level: 1 })).toBeVisible();

  const section = (title: string) => page.locator('section', { has: page.getByRole('heading', { name: title, exact: true }) });
  const areas = section('Áreas');
  await areas.getByRole('button', { name: 'Agregar' }).click();
  await areas.getByLabel('Nombre').fill('Redes y fibra');
  await areas.getByRole('button', { name: 'Guardar' }).click();
  await expect(areas.getByTestId('areas-Redes y fibra')).toBeVisible();

  const categories = section('Categorías');
  await categories.getByRole('button', { name: 'Agregar' }).click();
  await categories.getByLabel('Nombre', { exact: true }).fill('Corte de fibra');
  await categories.getByLabel('Descripción para clientes').fill('Se cortó el cable');
  await categories.getByLabel('Área').selectOption({ label: 'Redes y fibra' });
  await categories.getByLabel('Técnico predeterminado').selectOption({ label: 'Tomás Técnico' });
  await categories.getByLabel('Precio').fill('3500,50');
  await categories.getByLabel('Motivos para clientes').fill('No tengo Internet;Veo el cable cortado');
  await categories.getByLabel('Comentario interno').fill('Avisar al equipo de redes');
  await categories.getByLabel('App de técnicos').check();
  await categories.getByLabel('Portal de clientes').check();
  await categories.getByRole('button', { name: 'Guardar' }).click();
  const row = categories.getByTestId('categories-Corte de fibra');
  await expect(row).toContainText('Área: Redes y fibra');
  await expect(row).toContainText('Técnico: Tomás Técnico');
  await expect(row).toContainText('$ 3.500,50');
  await expect(row).toContainText('App de técnicos, Portal de clientes');

  // A duplicate name is refused on the name field.
  await categories.getByRole('button', { name: 'Agregar' }).click();
  await categories.getByLabel('Nombre', { exact: true }).fill('Corte de fibra');
  await categories.getByRole('button', { name: 'Guardar' }).click();
  await expect(categories.getByText('Ya existe uno con este nombre.')).toBeVisible();
  await categories.getByRole('button', { name: 'Cancelar' }).click();

  // The area is used by the category: deleting archives it.
  await areas.getByTestId('areas-Redes y fibra').getByRole('button', { name: 'Eliminar' }).click();
  await page.getByRole('button', { name: 'Confirmar' }).click();
  await expect(areas.getByText(/Se archivó en lugar de eliminarse/)).toBeVisible();
  await expect(areas.getByTestId('areas-Redes y fibra')).toContainText('Archivado');
  await areas.getByTestId('areas-Redes y fibra').getByRole('button', { name: 'Restaurar' }).click();
  await expect(areas.getByTestId('areas-Redes y fibra')).not.toContainText('Archivado');

  // A new default priority.
  const priorities = section('Prioridades');
  await priorities.getByRole('button', { name: 'Predeterminar Alta' }).click();
  await expect(priorities.getByTestId('priorities-Alta')).toContainText('Predeterminado');
  await expect(priorities.getByTestId('priorities-Normal')).not.toContainText('Predeterminado');
  await page.reload();
  await expect(section('Prioridades').getByTestId('priorities-Alta')).toContainText('Predeterminado');
});

test('a Colombian tenant has PQRS built in; an operator cannot open the configuration', async ({ page }) => {
  await signInStaff(page, STAFF.admin, ACME_PASSWORD, ACME);
  await page.goto(`${ACME}/settings/tickets`);
  await expect(page.getByRole('heading', { name: 'PQRS' })).toBeVisible();
  for (const name of ['Petición', 'Queja', 'Reclamo', 'Sugerencia']) await expect(page.getByText(name, { exact: true })).toBeVisible();

  await page.context().clearCookies();
  await signInStaff(page, STAFF.operator);
  await page.goto(`${DEMO}/settings/tickets`);
  await expect(page).toHaveURL(`${DEMO}/`);
});
