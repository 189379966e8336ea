// G2: partner companies. The office hands two tickets to a partner company; the company's manager
// signs in on the ISP's subdomain, sees only its company's tickets, takes one over and assigns its
// technician, and renounces the other with a reason; the office sees that one back in "to assign"
// with the reason in the history, and the other in the grid's "Empresa" column with its "Info empresa".
import { expect, test, type Page } from '@playwright/test';
import { createTicketInUi, signInStaff, signOut, STAFF } from './helpers';

const MANAGER = 'empresa@demo.antena.test';
const COMPANY = 'Conectar Instalaciones SRL';
// Unique per run: the e2e database outlives a run.
const RUN = Date.now().toString(36);
const TAKEN = `Instalación empresa ${RUN}`;
const RENOUNCED = `Reparación empresa ${RUN}`;
const OWN = `Solo del ISP ${RUN}`;

async function open(page: Page, title: string) {
  await page.goto(`/tickets?q=${encodeURIComponent(title)}`);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
}

test('the office hands tickets to a company, which takes one over and renounces the other', async ({ page }) => {
  // Three people, three sign-ins, a dozen pages: longer than one spec's usual minute on this machine.
  test.setTimeout(240_000);
  // The office: two tickets for the company, one it keeps.
  await signInStaff(page, STAFF.operator);
  for (const title of [TAKEN, RENOUNCED, OWN]) await createTicketInUi(page, title, `${title}: trabajo en la calle 12.`);
  for (const title of [TAKEN, RENOUNCED]) {
    await open(page, title);
    const card = page.getByTestId('ticket-company-card');
    await card.getByRole('combobox', { name: 'Entregar a' }).selectOption({ label: COMPANY });
    await card.getByRole('button', { name: 'Entregar' }).click();
    await expect(card).toContainText('Esperando a la empresa');
    await expect(card).toContainText('30712345671');
  }
  // The advanced search's "Empresa": the company's tickets, or the ISP's own.
  await page.goto(`/tickets?q=${encodeURIComponent(RUN)}`);
  await page.getByRole('button', { name: 'Búsqueda avanzada' }).click();
  const panel = page.getByRole('group', { name: 'Filtros de la búsqueda avanzada' });
  const table = page.getByRole('table');
  await panel.getByLabel('Empresa').selectOption({ label: COMPANY });
  await expect(page.getByRole('list', { name: 'Filtros activos' }).getByRole('listitem')).toHaveText([`Empresa: ${COMPANY}`]);
  await expect(table.getByRole('link', { name: TAKEN })).toBeVisible();
  await expect(table.getByRole('link', { name: RENOUNCED })).toBeVisible();
  await expect(table.getByRole('link', { name: OWN })).toHaveCount(0);
  await panel.getByLabel('Empresa').selectOption({ label: 'Propios (sin empresa)' });
  await expect(table.getByRole('link', { name: OWN })).toBeVisible();
  await expect(table.getByRole('link', { name: TAKEN })).toHaveCount(0);
  await signOut(page);

  // The company's manager: only its company's tickets, nothing else of the ISP.
  await signInStaff(page, MANAGER);
  const nav = page.getByRole('navigation', { name: 'Navegación principal' });
  await expect(nav.getByRole('link', { name: 'Mesa de ayuda' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Clientes' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Usuarios' })).toHaveCount(0);
  await page.goto('/tickets');
  const grid = page.getByRole('table');
  await expect(grid.getByRole('link', { name: TAKEN })).toBeVisible();
  await expect(grid.getByRole('link', { name: RENOUNCED })).toBeVisible();
  await expect(grid.getByRole('link', { name: OWN })).toHaveCount(0);
  const companies = page.getByTestId('ticket-company');
  const count = await companies.count();
  expect(count).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < count; i++) await expect(companies.nth(i)).toContainText(COMPANY);
  await page.goto(`/tickets?q=${encodeURIComponent(OWN)}`);
  await expect(page.getByRole('link', { name: OWN })).toHaveCount(0);

  // Takes the first over and assigns its technician (only the company's are offered).
  await open(page, TAKEN);
  const card = page.getByTestId('ticket-company-card');
  await card.getByRole('button', { name: 'Tomar el ticket' }).click();
  await expect(card).toContainText('Tomado por Paula Pereyra');
  const form = page.getByRole('form', { name: 'Datos del ticket' });
  const assignee = form.getByLabel('Asignado a');
  await expect(assignee.locator('option')).toHaveText(['Sin asignar', 'Ramiro Ríos']);
  await assignee.selectOption({ label: 'Ramiro Ríos' });
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cambios guardados' })).toBeVisible();

  // Renounces the second, with its reason (required).
  await open(page, RENOUNCED);
  await page.getByTestId('ticket-company-card').getByRole('button', { name: 'Renunciar al ticket' }).click();
  const renounce = page.getByRole('form', { name: 'Renunciar al ticket' });
  await renounce.getByRole('button', { name: 'Confirmar la renuncia' }).click();
  await expect(renounce).toContainText('Escribí el motivo de la renuncia (al menos 3 caracteres).');
  await renounce.getByLabel('Motivo de la renuncia').fill('No cubrimos esa zona esta semana');
  await renounce.getByRole('button', { name: 'Confirmar la renuncia' }).click();
  await page.goto(`/tickets?q=${encodeURIComponent(RENOUNCED)}`);
  await expect(page.getByRole('link', { name: RENOUNCED })).toHaveCount(0);
  await signOut(page);

  // The office: the renounced ticket is back to assign, with the reason in its history.
  await signInStaff(page, STAFF.operator);
  await open(page, RENOUNCED);
  await expect(page.getByTestId('ticket-company-card')).toContainText('Este ticket lo atiende el ISP.');
  await expect(page.getByRole('form', { name: 'Datos del ticket' }).getByLabel('Asignado a')).toHaveValue('');
  await page.getByRole('tab', { name: 'Historial' }).click();
  await expect(page.getByText(`Renunció al ticket (${COMPANY}): «No cubrimos esa zona esta semana»`)).toBeVisible();

  // … and the taken one in the grid's Empresa column (hidden by default for the ISP's staff: one click in "Columnas"), with its Info empresa.
  await page.goto(`/tickets?q=${encodeURIComponent(TAKEN)}`);
  await expect(page.getByRole('columnheader', { name: 'Empresa', exact: true })).toHaveCount(0);
  await page.locator('summary', { hasText: 'Columnas' }).click();
  await page.getByRole('checkbox', { name: 'Empresa' }).click();
  await expect(page.getByRole('checkbox', { name: 'Empresa' })).toBeChecked();
  await expect(page.getByRole('columnheader', { name: 'Empresa', exact: true })).toHaveCount(1);
  await page.locator('summary', { hasText: 'Columnas' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: TAKEN }) });
  await expect(row.getByTestId('ticket-company')).toContainText(COMPANY);
  await expect(row.getByTestId('ticket-company')).toContainText('Tomado por la empresa');
  await expect(row).toContainText('Ramiro Ríos');
  await row.getByText('Info empresa').click();
  await expect(row.getByTestId('company-info')).toContainText('30712345671');
  await expect(row.getByTestId('company-info')).toContainText('Quilmes y Bernal');
});
