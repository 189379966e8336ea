// C1–C5: an operator opens a quick ticket for a customer and a full one, finds them by an
// accent-less search in the grid, and sees the tabs' counts move.
import { expect, test } from '@playwright/test';
import { createTicketInUi, STAFF, signInStaff } from './helpers';

test('an operator opens tickets and finds them in the grid', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Mesa de ayuda' }).click();
  await expect(page.getByRole('heading', { name: 'Mesa de ayuda', level: 1 })).toBeVisible();
  const pendingTab = page.getByRole('tab', { name: /Pendientes/ });
  await expect(pendingTab).toHaveAttribute('aria-selected', 'true');
  await expect(pendingTab).toHaveText(/\d/);
  const pendingBefore = Number((await pendingTab.textContent())?.match(/\d+/)?.[0]);

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
  // A due date before today is refused on its field, and nothing is created.
  await form.getByLabel('Vencimiento').fill('2020-01-31');
  await form.getByRole('button', { name: 'Crear ticket' }).click();
  await expect(form.getByText('El vencimiento no puede ser anterior al día de apertura del ticket.')).toBeVisible();
  await form.getByLabel('Vencimiento').fill('2099-12-31');
  await form.getByRole('button', { name: 'Crear ticket' }).click();
  await expect(form.getByRole('status')).toHaveText(/Ticket #\d+ creado\./);

  await page.getByLabel('Buscar', { exact: true }).fill('tormenta');
  const quick = page.getByRole('row').filter({ hasText: 'María Fernández' });
  await expect(quick).toHaveCount(1);
  await expect(quick).toContainText('Consulta general');
  await expect(quick).toContainText('Abierto');
  // The customer's page lists their tickets (C6).
  await page.goto('/customers?q=maria%20fernandez');
  await page.getByRole('link', { name: 'María Fernández' }).click();
  await expect(page.getByRole('list', { name: 'Tickets del cliente' })).toContainText('Consulta general');
  await page.goto('/tickets');

  await page.getByLabel('Buscar', { exact: true }).fill('lentitud nodo bernal');
  const full = page.getByRole('row').filter({ hasText: 'Lentitud en el nodo Bernal' });
  await expect(full).toContainText('Urgente');
  await expect(full).toContainText('31 dic 2099');
  await expect(full).not.toContainText('Vencido');
  await expect(full).toContainText('Interno');
  // C13: a ticket past its due date is marked overdue.
  await page.getByLabel('Buscar', { exact: true }).fill('poda de arboles');
  await expect(page.getByRole('row').filter({ hasText: 'Poda de árboles sobre el tendido' })).toContainText('Vencido');
  await page.getByLabel('Buscar', { exact: true }).fill('lentitud nodo bernal');
  // The search is in the URL: reloading keeps it.
  await expect(page).toHaveURL(/q=lentitud/);
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: 'Lentitud en el nodo Bernal' })).toBeVisible();

  // Sorted by due date, the overdue ticket comes first, then the one due in 2099; those without a date last.
  await page.getByLabel('Buscar', { exact: true }).fill('');
  await page.getByRole('columnheader', { name: /Vencimiento/ }).getByRole('button').click();
  await expect(page).toHaveURL(/sort=due/);
  await expect(page.getByRole('columnheader', { name: /Vencimiento/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('tabpanel').getByRole('row').nth(1)).toContainText('Poda de árboles sobre el tendido');
  // Every row's due date as shown: the dated ones first (the demo's tickets due this month among them), 2099 the last of them.
  const dueColumn = (await page.getByRole('tabpanel').getByRole('columnheader').allTextContents()).findIndex((h) => h.includes('Vencimiento'));
  const rows = await page
    .getByRole('tabpanel')
    .getByRole('row')
    .evaluateAll((trs, col) => trs.slice(1).map((tr) => ({ text: tr.textContent ?? '', due: tr.children[col]?.textContent?.trim() ?? '' })), dueColumn);
  const dated = rows.filter((r) => r.due !== '').length;
  expect(dated).toBeGreaterThan(2);
  expect(rows.slice(dated).every((r) => r.due === '')).toBe(true);
  expect(rows[dated - 1]!.text).toContain('Lentitud en el nodo Bernal');

  await page.getByRole('tab', { name: /Finalizados/ }).click();
  await expect(page).toHaveURL(/tab=FINISHED/);
  await expect(page.getByRole('row').filter({ hasText: 'Lentitud en el nodo Bernal' })).toHaveCount(0);
});

test('an operator edits a ticket in one form, finishes, closes and reopens it, and reads its history', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await createTicketInUi(page, 'Módem de la oficina', 'Cambiar el módem de la oficina.');

  await page.getByLabel('Buscar', { exact: true }).fill('modem oficina');
  await page.getByRole('link', { name: 'Módem de la oficina' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Módem de la oficina');
  const edit = page.getByRole('form', { name: 'Datos del ticket' });
  await edit.getByLabel('Asignado a').selectOption({ label: 'Tomás Técnico' });
  await edit.getByLabel('Prioridad').selectOption({ label: 'Urgente' });
  await edit.getByLabel('Estado').selectOption({ label: 'Resuelto (finalizado)' });
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByTestId('ticket-state')).toHaveText('Resuelto (finalizado)');

  await page.getByRole('form', { name: 'Datos del ticket' }).getByLabel('Estado').selectOption({ label: 'Cerrado (cerrado)' });
  await page.getByRole('form', { name: 'Datos del ticket' }).getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByTestId('ticket-state')).toHaveText('Cerrado (cerrado)');
  await expect(page.getByText('Cierre:')).toBeVisible();

  await page.getByRole('form', { name: 'Datos del ticket' }).getByLabel('Estado').selectOption({ label: 'En curso (pendiente)' });
  await page.getByRole('form', { name: 'Datos del ticket' }).getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByTestId('ticket-state')).toHaveText('En curso (pendiente)');

  await page.getByRole('tab', { name: 'Historial' }).click();
  const history = page.getByRole('list', { name: 'Historial' });
  await expect(history).toContainText('Estado: «Resuelto» → «Cerrado»');
  await expect(history).toContainText('Estado: «Cerrado» → «En curso»');
  await expect(history).toContainText('Asignado a: «—» → «Tomás Técnico»');
  // The default priority depends on the tenant's configuration (another spec changes it).
  await expect(history).toContainText(/Prioridad: «(Normal|Alta)» → «Urgente»/);
  await expect(history).toContainText('Creó el ticket.');
});

test('a stale save is refused with a clear message, not overwritten', async ({ browser }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  await signInStaff(first, STAFF.operator);
  await signInStaff(second, STAFF.supervisor);
  await createTicketInUi(first, 'Edición simultánea', 'Ticket editado por dos personas.');
  await first.getByLabel('Buscar', { exact: true }).fill('edicion simultanea');
  await first.getByRole('link', { name: 'Edición simultánea' }).click();
  await expect(first).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  await second.goto(first.url());

  const one = first.getByRole('form', { name: 'Datos del ticket' });
  const two = second.getByRole('form', { name: 'Datos del ticket' });
  await expect(two.getByLabel('Título')).toHaveValue('Edición simultánea');
  await one.getByLabel('Título').fill('Edición simultánea (operador)');
  await one.getByRole('button', { name: 'Guardar' }).click();
  await expect(one.getByRole('status')).toHaveText('Cambios guardados');
  await two.getByLabel('Título').fill('Edición simultánea (supervisor)');
  await two.getByRole('button', { name: 'Guardar' }).click();
  await expect(two.getByRole('alert').filter({ hasText: /\S/ })).toContainText('Alguien guardó este ticket mientras lo editabas (cambió: Título)');
  await second.reload();
  await expect(second.getByRole('form', { name: 'Datos del ticket' }).getByLabel('Título')).toHaveValue('Edición simultánea (operador)');
});

test('comments public and internal; the +N counter shows for a second operator and resets when they open the ticket', async ({ browser }) => {
  const operator = await browser.newPage();
  await signInStaff(operator, STAFF.operator);
  await createTicketInUi(operator, 'Comentarios y contador', 'Ticket para comentar.');
  await operator.getByLabel('Buscar', { exact: true }).fill('comentarios y contador');
  await operator.getByRole('link', { name: 'Comentarios y contador' }).click();
  await operator.getByRole('tab', { name: 'Comentarios' }).click();
  const add = operator.getByRole('form', { name: 'Agregar un comentario' });
  await add.getByLabel('Agregar un comentario').fill('Mañana pasa el técnico entre 9 y 13.');
  await add.getByRole('button', { name: 'Enviar' }).click();
  const thread = operator.getByRole('list', { name: 'Comentarios' });
  await expect(thread.getByRole('listitem').filter({ hasText: 'Mañana pasa el técnico' })).toBeVisible();
  await add.getByLabel('Agregar un comentario').fill('El cliente debe dos meses: confirmar antes de ir.');
  await add.getByLabel('Nota interna: solo el equipo').check();
  await add.getByRole('button', { name: 'Enviar' }).click();
  await expect(thread.getByRole('listitem').filter({ hasText: 'Mañana pasa el técnico' })).toContainText('Comentario público');
  await expect(thread.getByRole('listitem').filter({ hasText: 'debe dos meses' })).toContainText('Nota interna');

  // A second operator sees what happened since they last opened it (never): +3 (creation and two comments).
  const supervisor = await browser.newPage();
  await signInStaff(supervisor, STAFF.supervisor);
  await supervisor.goto('/tickets?q=comentarios%20y%20contador');
  const row = supervisor.getByRole('row').filter({ hasText: 'Comentarios y contador' });
  await expect(row).toContainText('+3');
  await row.getByRole('link', { name: 'Comentarios y contador' }).click();
  await expect(supervisor.getByRole('heading', { level: 1 })).toContainText('Comentarios y contador');
  await supervisor.waitForLoadState('networkidle');
  // Back to the grid with the browser's Back button: the counter is fresh without a reload.
  await supervisor.goBack();
  await expect(supervisor).toHaveURL(/\/tickets\?q=comentarios/);
  await expect(supervisor.getByRole('row').filter({ hasText: 'Comentarios y contador' })).toBeVisible();
  await expect(supervisor.getByRole('row').filter({ hasText: 'Comentarios y contador' })).not.toContainText('+');
});

test('an operator shows and hides columns and saves a filter; both come back on a fresh page', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto('/tickets');
  await page.getByRole('button', { name: 'Nuevo ticket' }).click();
  const form = page.getByRole('form', { name: 'Nuevo ticket' });
  await form.getByLabel('Descripción').fill('La antena del barrio no responde.');
  await form.getByLabel('Completar más datos').check();
  await form.getByLabel('Título').fill('Antena caída en Bernal');
  await form.getByLabel('Complejidad').selectOption({ label: 'Alta' });
  await form.getByRole('button', { name: 'Crear ticket' }).click();
  await expect(form.getByRole('status')).toHaveText(/Ticket #\d+ creado\./);
  await page.getByLabel('Buscar', { exact: true }).fill('antena caida');
  await expect(page).toHaveURL(/q=antena/);
  await page.getByLabel('Nombre del filtro').fill('Antenas');
  await page.getByRole('button', { name: 'Guardar en mis filtros' }).click();
  await expect(page.getByLabel('Mis filtros')).toHaveValue(/.+/);

  // By default the grid fits a laptop's screen: complexity (and billable, opened, last status change) wait in "Columnas".
  const row = page.getByRole('row').filter({ hasText: 'Antena caída en Bernal' });
  await expect(row).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Complejidad' })).toHaveCount(0);
  await page.locator('summary', { hasText: 'Columnas' }).click();
  await expect(page.getByRole('checkbox', { name: 'Complejidad' })).not.toBeChecked();
  // The box follows the saved setting (a controlled input): click, then see it change.
  await page.getByRole('checkbox', { name: 'Complejidad' }).click();
  await expect(page.getByRole('checkbox', { name: 'Complejidad' })).toBeChecked();
  await expect(row).toContainText('Alta');
  await page.getByRole('checkbox', { name: 'Categoría' }).click();
  await expect(page.getByRole('checkbox', { name: 'Categoría' })).not.toBeChecked();
  await expect(page.getByRole('columnheader', { name: 'Categoría' })).toHaveCount(0);

  // Clear the view, then come back to it from "Mis filtros" in a fresh page.
  await page.goto('/tickets');
  await expect(page.getByLabel('Buscar', { exact: true })).toHaveValue('');
  await expect(page.getByRole('columnheader', { name: 'Complejidad' })).toHaveCount(1);
  await expect(page.getByRole('columnheader', { name: 'Categoría' })).toHaveCount(0);
  await page.getByLabel('Mis filtros').selectOption({ label: 'Antenas' });
  await expect(page).toHaveURL(/q=antena/);
  await expect(page.getByRole('row').filter({ hasText: 'Antena caída en Bernal' })).toBeVisible();
  await page.getByRole('button', { name: 'Quitar «Antenas»' }).click();
  await expect(page.getByLabel('Mis filtros').locator('option', { hasText: 'Antenas' })).toHaveCount(0);

  await page.locator('summary', { hasText: 'Columnas' }).click();
  await page.getByRole('checkbox', { name: 'Complejidad' }).click();
  await expect(page.getByRole('checkbox', { name: 'Complejidad' })).not.toBeChecked();
  await expect(page.getByRole('columnheader', { name: 'Complejidad' })).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Categoría' }).click();
  await expect(page.getByRole('checkbox', { name: 'Categoría' })).toBeChecked();
  await expect(page.getByRole('columnheader', { name: 'Categoría' })).toHaveCount(1);
});

test('mass actions: select two tickets, assign them, then close them', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await createTicketInUi(page, 'Selección masiva uno', 'Primero de la selección.');
  await createTicketInUi(page, 'Selección masiva dos', 'Segundo de la selección.');
  await page.getByLabel('Buscar', { exact: true }).fill('seleccion masiva');
  await expect(page).toHaveURL(/q=seleccion/);
  const rows = page.getByRole('row').filter({ hasText: 'Selección masiva' });
  // The header row and the two tickets: the page shows the search's results only.
  await expect(page.getByRole('tabpanel').getByRole('row')).toHaveCount(3);
  await expect(rows).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'Seleccionar los tickets de esta página' }).click();
  const toolbar = page.getByRole('toolbar', { name: 'Acciones sobre la selección' });
  await expect(toolbar).toContainText('2 tickets seleccionados');
  await toolbar.getByLabel('Asignar a…').selectOption({ label: 'Tomás Técnico' });
  await expect(page.getByRole('status').filter({ hasText: 'Se aplicó a 2 tickets.' })).toBeVisible();
  await expect(rows.first()).toContainText('Tomás Técnico');
  await expect(rows.last()).toContainText('Tomás Técnico');

  // Closing asks first, naming how many: a modal dialog that keeps the focus and that Escape cancels.
  await page.getByRole('checkbox', { name: 'Seleccionar los tickets de esta página' }).click();
  // A state of the Closed stage closes them as well: asked the same way, and Cancel changes nothing.
  await page.getByRole('toolbar', { name: 'Acciones sobre la selección' }).getByLabel('Cambiar estado…').selectOption({ label: 'Cerrado' });
  const closingState = page.getByRole('alertdialog', { name: '«Cerrado» es un estado de cierre: ¿cerrar los 2 tickets seleccionados?' });
  await expect(closingState).toBeVisible();
  await closingState.getByRole('button', { name: 'Cancelar' }).click();
  await expect(closingState).toBeHidden();
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('toolbar', { name: 'Acciones sobre la selección' })).toContainText('2 tickets seleccionados');
  const close = page.getByRole('toolbar', { name: 'Acciones sobre la selección' }).getByRole('button', { name: 'Cerrar' });
  await close.click();
  const confirm = page.getByRole('alertdialog', { name: '¿Cerrar los 2 tickets seleccionados?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancelar' })).toBeFocused();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')) || document.activeElement === document.body)).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(close).toBeFocused();
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: 'Se aplicó a 2 tickets.' })).toHaveCount(1);
  await close.click();
  await confirm.getByRole('button', { name: 'Cerrar 2 tickets' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Se aplicó a 2 tickets.' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Selección masiva' })).toHaveCount(0);
  await page.getByRole('tab', { name: /Cerrados/ }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Selección masiva' })).toHaveCount(2);
});
