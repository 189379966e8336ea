// C14: the dashboard above the grid and on its own page. An operator unfolds it (it stays unfolded
// for them), creates, assigns and closes a ticket and sees the totals move; switches to a date range
// and to "Histórico"; lets it follow the grid's search; opens the grid from a bar; reads a chart as a
// table. A reversed range is refused in Spanish.
import { expect, test, type Page } from '@playwright/test';
import { STAFF, createTicketInUi, signInStaff, trpc } from './helpers';

const RUN = Date.now().toString(36);

/** The four totals as the page shows them (digits only: the tenant's locale groups thousands). */
async function totals(page: Page) {
  const read = async (key: string) => Number((await page.getByTestId(`dashboard-${key}`).innerText()).replace(/\D/g, ''));
  return { unassigned: await read('unassigned'), pending: await read('pending'), overdue: await read('overdue'), resolved: await read('resolved') };
}

/** Waits for the dashboard to show the answer to its latest question. */
async function settled(page: Page) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByTestId('dashboard-pending')).toBeVisible();
}

test('the dashboard above the grid follows tickets created, assigned and closed, a period, a search and a bar click', async ({ page }) => {
  test.slow();
  await signInStaff(page, STAFF.admin);
  await page.goto('/tickets');
  const toggle = page.getByRole('button', { name: 'Panel de control' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await settled(page);
  // The current month by default, in the tenant's words.
  const month = new Intl.DateTimeFormat('es-AR', { month: 'long', year: 'numeric', timeZone: 'America/Argentina/Buenos_Aires' }).format(new Date());
  await expect(page.getByTestId('dashboard-period')).toHaveText(month);
  const before = await totals(page);

  // A new ticket: one more pending and unassigned.
  const title = `Tablero ${RUN} sin señal`;
  await createTicketInUi(page, title, 'El cliente no tiene señal desde ayer.');
  await page.reload();
  await settled(page);
  expect(await totals(page)).toEqual({ ...before, unassigned: before.unassigned + 1, pending: before.pending + 1 });
  // The panel stayed unfolded for this user.
  await expect(page.getByRole('button', { name: 'Panel de control' })).toHaveAttribute('aria-expanded', 'true');

  // Assigned to the technician, then closed.
  const list = await trpc(page, 'tickets.list', { tab: 'PENDING', query: title }, 'GET');
  const ticket = list.body.result.data.json.items[0] as { id: string };
  const config = (await trpc(page, 'ticketConfig.get', {}, 'GET')).body.result.data.json as { states: { id: string; name: string; stage: string }[] };
  const users = (await trpc(page, 'users.list', {}, 'GET')).body.result.data.json as { id: string; email: string }[];
  const technicianId = users.find((u) => u.email === STAFF.technician)!.id;
  let view = (await trpc(page, 'tickets.get', { id: ticket.id }, 'GET')).body.result.data.json as { version: number };
  expect((await trpc(page, 'tickets.update', { id: ticket.id, version: view.version, assigneeId: technicianId })).status).toBe(200);
  await page.reload();
  await settled(page);
  expect(await totals(page)).toEqual({ ...before, pending: before.pending + 1 });
  view = (await trpc(page, 'tickets.get', { id: ticket.id }, 'GET')).body.result.data.json as { version: number };
  const closed = config.states.find((s) => s.name === 'Cerrado')!;
  expect((await trpc(page, 'tickets.update', { id: ticket.id, version: view.version, stateId: closed.id })).status).toBe(200);
  await page.reload();
  await settled(page);
  expect(await totals(page)).toEqual({ ...before, resolved: before.resolved + 1 });

  // "Histórico": at least as many as the month; a range with no tickets: zeros and the charts say so.
  const panel = page.getByRole('region', { name: 'Panel de control' });
  await panel.getByRole('button', { name: 'Histórico' }).click();
  await expect(page.getByTestId('dashboard-period')).toHaveText('Histórico');
  await settled(page);
  const all = await totals(page);
  expect(all.resolved).toBeGreaterThanOrEqual(before.resolved + 1);
  expect(all.pending).toBeGreaterThanOrEqual(before.pending);
  await panel.getByLabel('Desde').fill('2019-01-01');
  await panel.getByLabel('Hasta').fill('2019-12-31');
  await panel.getByRole('button', { name: 'Aplicar' }).click();
  await expect(page.getByTestId('dashboard-period')).toContainText('2019');
  await settled(page);
  expect(await totals(page)).toEqual({ unassigned: 0, pending: 0, overdue: 0, resolved: 0 });
  await expect(panel.getByText('No hay tickets en el período.')).toBeVisible();
  // A reversed range: refused before it is asked, in Spanish (the server refuses it too: dashboard.test.ts).
  await panel.getByLabel('Desde').fill('2020-02-01');
  await expect(panel.getByRole('alert')).toHaveText('La fecha final no puede ser anterior a la inicial.');
  await expect(panel.getByRole('button', { name: 'Aplicar' })).toBeDisabled();
  await expect(panel.getByLabel('Hasta')).toHaveAttribute('aria-invalid', 'true');

  // Following the grid's search: the new ticket only (closed), all time.
  await panel.getByLabel('Actualizar dashboard al buscar').check();
  await page.getByRole('searchbox').fill(title);
  await expect(panel.getByText('Según la búsqueda de la grilla')).toBeVisible();
  await expect(page.getByTestId('dashboard-period')).toHaveText('Histórico');
  await expect(page.getByTestId('dashboard-resolved')).toHaveText('1');
  await expect(page.getByTestId('dashboard-pending')).toHaveText('0');
  await panel.getByLabel('Actualizar dashboard al buscar').uncheck();
  await page.getByRole('searchbox').fill('');

  // The month again: a bar of "Por categoría" opens the grid filtered to that category and stage.
  await panel.getByRole('button', { name: 'Mes actual' }).click();
  await settled(page);
  const byCategory = panel.locator('section').filter({ has: page.getByRole('heading', { name: 'Por categoría' }) });
  await byCategory.getByText('Ver como tabla').click();
  await expect(byCategory.getByRole('table').getByRole('row')).not.toHaveCount(0);
  await byCategory.locator('.recharts-bar-rectangle path').first().click();
  await expect(page).toHaveURL(/\/tickets\?tab=[A-Z]+.*categoryId=[0-9a-f-]{36}/);
  await expect(page).toHaveURL(/openedFrom=\d{4}-\d{2}-01/);
});

test('the dashboard page: every chart, its tables, and the period in the address', async ({ page }) => {
  await signInStaff(page, STAFF.supervisor);
  await page.goto('/');
  await page.getByRole('link', { name: 'Panel de control' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Panel de control' })).toBeVisible();
  await settled(page);
  for (const title of ['Sin resolver por estado', 'Tiempo de resolución', 'Por categoría', 'Por empleados', 'Satisfacción de los clientes']) {
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Histórico' }).click();
  await expect(page).toHaveURL(/\/dashboard\?period=all$/);
  await settled(page);
  // The demo's resolved tickets give a median resolution time.
  await expect(page.getByTestId('dashboard-median')).toHaveText(/\d+ (horas?|días?)/);
  // …and their customers' ratings, averaged in the tenant's locale (a decimal comma).
  await expect(page.getByText(/^Promedio: \d(,\d+)? de 5$/)).toBeVisible();
  const state = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Sin resolver por estado' }) });
  await state.getByText('Ver como tabla').click();
  await expect(state.getByRole('rowheader', { name: 'Abierto' })).toBeVisible();
  // Reloaded, the period is kept.
  await page.reload();
  await expect(page.getByTestId('dashboard-period')).toHaveText('Histórico');
});
