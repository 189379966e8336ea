// C3/C4 advanced search: an operator filters the grid by a connection's node and a category,
// reloads (the filters are in the URL), saves the view in "Mis filtros", clears it and gets it back.
import { expect, test } from '@playwright/test';
import { createTicketOnConnection, STAFF, signInStaff } from './helpers';

test('an operator filters by node and category, reloads, saves the view, clears it and brings it back', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto('/tickets');
  // María Fernández (1001) is on Nodo Quilmes Centro; Juan González (1002) on Nodo Bernal.
  const quilmes = { code: '1001', customer: 'María Fernández (1001)' };
  const bernal = { code: '1002', customer: 'Juan González (1002)' };
  await createTicketOnConnection(page, { ...quilmes, title: 'Lentitud en Quilmes', category: 'Lentitud', description: 'Búsqueda avanzada: lentitud en Quilmes' });
  await createTicketOnConnection(page, { ...bernal, title: 'Lentitud en Bernal', category: 'Lentitud', description: 'Búsqueda avanzada: lentitud en Bernal' });
  await createTicketOnConnection(page, { ...quilmes, title: 'Corte en Quilmes', category: 'Sin conexión', description: 'Búsqueda avanzada: corte en Quilmes' });

  await page.getByLabel('Buscar', { exact: true }).fill('busqueda avanzada');
  const rows = page.getByRole('tabpanel').getByRole('row').filter({ hasText: /María Fernández|Juan González/ });
  await expect(rows).toHaveCount(3);
  const pendingTab = page.getByRole('tab', { name: /Pendientes/ });
  const unfiltered = Number((await pendingTab.textContent())?.match(/\d+/)?.[0]);

  await page.getByRole('button', { name: 'Búsqueda avanzada' }).click();
  const panel = page.getByRole('group', { name: 'Filtros de la búsqueda avanzada' });
  await panel.getByLabel('Nodo').selectOption({ label: 'Nodo Quilmes Centro' });
  await panel.getByLabel('Categoría').selectOption({ label: 'Lentitud' });
  await expect(page).toHaveURL(/nodeId=[0-9a-f-]{36}/);
  await expect(page).toHaveURL(/categoryId=[0-9a-f-]{36}/);
  const chips = page.getByRole('list', { name: 'Filtros activos' });
  await expect(chips.getByRole('listitem')).toHaveText(['Categoría: Lentitud', 'Nodo: Nodo Quilmes Centro']);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('María Fernández');
  await expect(rows).toContainText('Lentitud');
  // The tabs count the filter's tickets now, not the tenant's.
  await expect.poll(async () => Number((await pendingTab.textContent())?.match(/\d+/)?.[0])).toBeLessThan(unfiltered);

  // A reload keeps the view: it is all in the URL.
  await page.reload();
  await expect(page.getByRole('list', { name: 'Filtros activos' }).getByRole('listitem')).toHaveCount(2);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('María Fernández');

  // Saved in "Mis filtros".
  await page.getByLabel('Nombre del filtro').fill('Lentitud en Quilmes');
  await page.getByRole('button', { name: 'Guardar en mis filtros' }).click();
  await expect(page.getByLabel('Mis filtros').locator('option:checked')).toHaveText('Lentitud en Quilmes');

  // Cleared: the search words stay, the filters go.
  await page.getByRole('button', { name: 'Limpiar filtros' }).click();
  await expect(page).not.toHaveURL(/nodeId=/);
  await expect(page.getByRole('list', { name: 'Filtros activos' })).toHaveCount(0);
  await expect(rows).toHaveCount(3);

  // Back from "Mis filtros", then one chip removed: only the category is left.
  await page.getByLabel('Mis filtros').selectOption({ label: 'Lentitud en Quilmes' });
  await expect(page).toHaveURL(/nodeId=/);
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: 'Quitar el filtro «Nodo: Nodo Quilmes Centro»' }).click();
  await expect(page).not.toHaveURL(/nodeId=/);
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Juan González' })).toHaveCount(1);
});
