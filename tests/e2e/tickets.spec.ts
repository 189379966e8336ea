// C1–C5: an operator opens a quick ticket for a customer and a full one, finds them by an
// accent-less search in the grid, and sees the tabs' counts move.
import { expect, test } from '@playwright/test';
import { STAFF, signInStaff } from './helpers';

test('an operator opens tickets and finds them in the grid', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Mesa de ayuda' }).click();
  await expect(page.getByRole('heading', { name: 'Mesa de ayuda', level: 1 })).toBeVisible();
  const pendingTab = page.getByRole('tab', { name: /Pendientes/ });
  await expect(pendingTab).toHaveAttribute('aria-selected', 'true');
  const pendingBefore = Number((await pendingTab.textContent())?.match(/\d+/)?.[0] ?? 0);

  // Quick: a customer and a description.
  await page.getByRole('button', { name: 'Nuevo ticket' }).click();
  const form = page.getByRole('form', { name: 'Nuevo ticket' });
  await form.getByLabel('Buscar cliente').fill('maria fernandez');
  await form.getByLabel('Cliente', { exact: true }).selectOption({ label: 'María Fernández (1001)' });
  await form.getByLabel('Conexión').selectOption({ index: 1 });
  await form.getByLabel('Descripción').fill('Sin conexión desde la tormenta de anoche.');
  await form.getByRole('button', { name: 'Crear ticket' }).click();
  await expect(form.getByRole('status')).toHaveText(/Ticket #\d+ creado\./);
  await expect(pendingTab).toContainText(String(pendingBefore + 1));

  // Full: category, priority, complexity, due date.
  await form.getByLabel('Cliente', { exact: true }).selectOption({ index: 0 });
  await form.getByLabel('Descripción').fill('Revisar el nodo de Bernal: varios clientes lentos.');
  await form.getByLabel('Completar más datos').check();
  await form.getByLabel('Título').fill('Lentitud en el nodo Bernal');
  await form.getByLabel('Categoría').selectOption({ label: 'Lentitud' });
  await form.getByLabel('Prioridad').selectOption({ label: 'Urgente' });
  await form.getByLabel('Complejidad').selectOption({ label: 'Alta' });
  await form.getByLabel('Vencimiento').fill('2020-01-31');
  await form.getByRole('button', { name: 'Crear ticket' }).click();
  await expect(form.getByRole('status')).toHaveText(/Ticket #\d+ creado\./);

  await page.getByLabel('Buscar', { exact: true }).fill('tormenta');
  const quick = page.getByRole('row').filter({ hasText: 'María Fernández' });
  await expect(quick).toHaveCount(1);
  await expect(quick).toContainText('Consulta general');
  await expect(quick).toContainText('Abierto');

  await page.getByLabel('Buscar', { exact: true }).fill('lentitud nodo bernal');
  const full = page.getByRole('row').filter({ hasText: 'Lentitud en el nodo Bernal' });
  await expect(full).toContainText('Urgente');
  await expect(full).toContainText('Alta');
  await expect(full).toContainText('Vencido');
  await expect(full).toContainText('Interno');
  // The search is in the URL: reloading keeps it.
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: 'Lentitud en el nodo Bernal' })).toBeVisible();

  await page.getByRole('tab', { name: /Finalizados/ }).click();
  await expect(page).toHaveURL(/tab=FINISHED/);
  await expect(page.getByRole('row').filter({ hasText: 'Lentitud en el nodo Bernal' })).toHaveCount(0);
});
