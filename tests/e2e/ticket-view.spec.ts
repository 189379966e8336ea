// C6 ticket view tabs: "Ubicación" shows the connection on a Leaflet map (tiles from a stub tile
// server on loopback; the marker is drawn locally either way) or says why it cannot; an operator
// (billing.read) sees "Facturación" with amounts in the tenant's currency. C10: closing from the view
// with a closing comment e-mailed to the customer.
import { expect, test, type Page } from '@playwright/test';
import { createTicketOnConnection, deliveredEmails, STAFF, signInStaff } from './helpers';

async function open(page: Page, title: string, search: string) {
  await page.goto(`/tickets?q=${encodeURIComponent(search)}`);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
}

test('the location tab shows the connection’s marker on the map, or says there is nothing to show', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto('/tickets');
  await createTicketOnConnection(page, { code: '1001', customer: 'María Fernández (1001)', title: 'Visita con mapa', description: 'Ubicación: revisar la instalación.' });
  await createTicketOnConnection(page, { code: 'E2E-SINGEO', customer: 'Rubén Sin Ubicación (E2E-SINGEO)', title: 'Visita sin coordenadas', description: 'Ubicación: conexión sin coordenadas.' });
  await createTicketOnConnection(page, { code: '1001', customer: 'María Fernández (1001)', title: 'Consulta sin conexión', description: 'Ubicación: sin conexión.', connection: false });

  await open(page, 'Visita con mapa', 'visita con mapa');
  await page.getByRole('tab', { name: 'Ubicación' }).click();
  const map = page.getByTestId('ticket-map');
  await expect(map).toBeVisible();
  await expect(page.getByTestId('ticket-coordinates')).toHaveText('-34.72000, -58.27000');
  // The marker is an SVG circle Leaflet draws itself: no image to fetch.
  await expect(map.locator('path.ticket-location-marker')).toHaveCount(1);
  await expect(map.locator('path.ticket-location-marker')).toBeVisible();
  // Tiles come from MAP_TILE_URL (the e2e server points it at a loopback stub), never the internet.
  const tile = map.locator('img.leaflet-tile').first();
  await expect(tile).toHaveAttribute('src', /^http:\/\/127\.0\.0\.1:\d+\/tiles\/16\/\d+\/\d+\.png$/);
  await expect(map.locator('img.leaflet-tile-loaded').first()).toBeAttached();
  await expect(map.locator('.leaflet-control-attribution')).toContainText('OpenStreetMap');

  await open(page, 'Visita sin coordenadas', 'visita sin coordenadas');
  await page.getByRole('tab', { name: 'Ubicación' }).click();
  await expect(page.getByText('La conexión de este ticket no tiene coordenadas cargadas')).toBeVisible();
  await expect(page.getByText('Camino Rural km 12')).toBeVisible();
  await expect(page.getByTestId('ticket-map')).toHaveCount(0);

  await open(page, 'Consulta sin conexión', 'consulta sin conexion');
  await page.getByRole('tab', { name: 'Ubicación' }).click();
  await expect(page.getByText('Este ticket no tiene una conexión')).toBeVisible();
});

test('an operator sees the billing tab: billable, the plan and its price in the tenant’s currency', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto('/tickets');
  await createTicketOnConnection(page, { code: '1001', customer: 'María Fernández (1001)', title: 'Cambio de equipo a facturar', description: 'Reemplazo del módem, a facturar.', category: 'Instalación', billable: true });
  await open(page, 'Cambio de equipo a facturar', 'cambio de equipo a facturar');
  await page.getByRole('tab', { name: 'Facturación' }).click();
  const billing = page.getByRole('definition');
  await expect(page.getByTestId('billing-billable')).toHaveText('Sí');
  await expect(page.getByTestId('billing-category')).toContainText('Instalación');
  // María Fernández's connection is on "Fibra 100" at ARS 18,500, shown the Argentine way.
  await expect(page.getByTestId('billing-plan')).toHaveText(/^Fibra 100 \(100\/50 Mbps\) · \$\s18\.500,00$/);
  await expect(billing.first()).toBeVisible();
});

test('closing from the ticket view: a closing comment e-mailed to the customer, escaped, and kept as a public comment', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto('/tickets');
  await createTicketOnConnection(page, { code: '1001', customer: 'María Fernández (1001)', title: 'Cierre con comentario', description: 'Cierre: probar el comentario de cierre.' });
  await open(page, 'Cierre con comentario', 'cierre con comentario');
  const number = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/#(\d+)/)![1];
  const form = page.getByRole('form', { name: 'Datos del ticket' });

  // The closing fields appear only when the chosen state closes (or finishes) the ticket.
  await expect(form.getByRole('group', { name: 'Al cerrar' })).toHaveCount(0);
  await form.getByLabel('Estado', { exact: true }).selectOption({ label: 'Cerrado (cerrado)' });
  const closing = form.getByRole('group', { name: 'Al cerrar' });
  await expect(closing).toBeVisible();
  await expect(closing).toContainText('Se envía a maria.fernandez@example.com.');

  // Asking to e-mail a comment not written: a translated error, nothing saved.
  await closing.getByLabel('Enviar este comentario por correo al cliente').check();
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(closing.getByText('Escribí el comentario de cierre para enviarlo por correo.')).toBeVisible();
  await expect(page.getByTestId('ticket-state')).toContainText('pendiente');

  const comment = 'Cambiamos la ONT <b>y el cable</b>. Gracias por esperar.';
  await closing.getByLabel('Comentario de cierre (lo ve el cliente)').fill(comment);
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByTestId('ticket-state')).toContainText('cerrado');

  // The worker hands it to the e-mail provider: to the customer, the comment as text, escaped in the HTML.
  const subject = `Cierre de tu ticket #${number}: Cierre con comentario`;
  await expect.poll(async () => (await deliveredEmails()).filter((d) => d.body.subject === subject).length, { timeout: 15_000 }).toBe(1);
  const email = (await deliveredEmails()).find((d) => d.body.subject === subject)!;
  expect(email.body.to).toEqual(['maria.fernandez@example.com']);
  expect(email.body.text).toContain(comment);
  expect(email.body.html).toContain('Cambiamos la ONT &lt;b&gt;y el cable&lt;/b&gt;.');

  // The comment stays on the ticket, public.
  await page.getByRole('tab', { name: 'Comentarios' }).click();
  await expect(page.getByRole('list', { name: 'Comentarios' }).getByRole('listitem').filter({ hasText: comment })).toContainText('Comentario público');
});
