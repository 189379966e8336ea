// C6 ticket view tabs: "Ubicación" shows the connection on a Leaflet map (tiles from a stub tile
// server on loopback; the marker is drawn locally either way) or says why it cannot; an operator
// (billing.read) sees "Facturación" with amounts in the tenant's currency.
import { expect, test, type Page } from '@playwright/test';
import { createTicketOnConnection, STAFF, signInStaff } from './helpers';

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
