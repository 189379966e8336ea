// C16/G6 in the back office: a technician's last position and its age on their profile; the
// technicians' distances to a ticket's connection when choosing its assignee; the "Técnicos" map, whose
// labels are text even when a name carries markup (a tenant of its own: seed.ts MAP_LAB).
import { expect, test } from '@playwright/test';
import { haversineKm } from '@/lib/route';
import { formatDistance } from '@/lib/format';
import { createTicketOnConnection, DEMO, DEMO_PASSWORD, PHONE, PORT, STAFF, signInStaff } from './helpers';
import { MAP_LAB, TECHNICIAN_POSITION } from './seed';

test('a technician’s profile shows their last position on a map, with its age', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await page.goto('/users');
  await page.getByRole('link', { name: 'Tomás Técnico' }).click();
  await expect(page.getByRole('heading', { name: 'Tomás Técnico', level: 1 })).toBeVisible();
  await expect(page.getByTestId('last-position-age')).toHaveText(/^Última posición: (ahora|hace \d+ (min|h)) · Precisión: ± 9 m$/);
  const map = page.getByRole('region', { name: 'Mapa de técnicos' }).getByTestId('positions-map');
  await expect(map.locator('path.technician-marker')).toHaveCount(1);
  const label = map.locator('.technician-label');
  await expect(label).toHaveText(/^Tomás Técnico · (ahora|hace \d+ (min|h))$/);
  // Tiles from MAP_TILE_URL (a loopback stub in these tests).
  await expect(map.locator('img.leaflet-tile').first()).toHaveAttribute('src', /^http:\/\/127\.0\.0\.1:\d+\/tiles\/15\/\d+\/\d+\.png$/);

  // Another staff member's profile has no location card.
  await page.goto('/users');
  await page.getByRole('link', { name: 'Olga Operadora' }).click();
  await expect(page.getByRole('heading', { name: 'Olga Operadora', level: 1 })).toBeVisible();
  await expect(page.getByText('Ubicación', { exact: true })).toHaveCount(0);
});

test('choosing a ticket’s assignee, each technician is listed with the distance to the connection', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  // Operators reach the "Técnicos" page from the navigation.
  await expect(page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Técnicos' })).toHaveAttribute('href', '/technicians-map');
  await page.goto('/tickets');
  await createTicketOnConnection(page, { code: '1001', customer: 'María Fernández (1001)', title: 'Asignar al más cercano', description: 'Distancias: el técnico más cercano a la conexión.' });
  await page.goto(`/tickets?q=${encodeURIComponent('asignar al mas cercano')}`);
  await page.getByRole('link', { name: 'Asignar al más cercano' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Asignar al más cercano');

  // María Fernández's connection is at (-34.72, -58.27) (the demo seed); the technician was last seen at TECHNICIAN_POSITION.
  const km = haversineKm({ lat: -34.72, lng: -58.27 }, { lat: TECHNICIAN_POSITION.latitude, lng: TECHNICIAN_POSITION.longitude });
  const expected = `Tomás Técnico · ${formatDistance(km, 'es-AR')}`;
  expect(expected).toMatch(/^Tomás Técnico · \d+,\d km$/);
  const distances = page.getByRole('region', { name: 'Distancia a la conexión' });
  const choice = distances.getByRole('button', { name: new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\((ahora|hace \\d+ (min|h))\\)$`) });
  await expect(choice).toBeVisible();
  // Choosing puts the technician in the assignee field; saving assigns them.
  const edit = page.getByRole('form', { name: 'Datos del ticket' });
  await expect(edit.getByLabel('Asignado a').locator('option:checked')).toHaveText('Sin asignar');
  await choice.click();
  await expect(edit.getByLabel('Asignado a').locator('option:checked')).toHaveText('Tomás Técnico');
  await expect(edit.getByLabel('Asignado a')).toBeFocused();
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Asignado a: Tomás Técnico')).toBeVisible();
});

test('the “Técnicos” map shows each technician’s last position, a name with markup as text', async ({ page }) => {
  const origin = `http://${MAP_LAB.slug}.localhost:${PORT}`;
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInStaff(page, MAP_LAB.adminEmail, MAP_LAB.password, origin);
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Técnicos' }).click();
  await expect(page).toHaveURL(`${origin}/technicians-map`);
  await expect(page.getByRole('heading', { name: 'Técnicos', level: 1 })).toBeVisible();
  const map = page.getByRole('region', { name: 'Mapa de técnicos' }).getByTestId('positions-map');
  await expect(map.locator('path.technician-marker')).toHaveCount(1);
  const label = map.locator('.technician-label');
  await expect(label).toHaveText(new RegExp(`^${MAP_LAB.technician.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · hace \\d+ min$`));
  // The markup is text: no element was made from it, and nothing ran.
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(label.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);

  // The list beside it: each technician, and the one who sent no position says so.
  const list = page.getByRole('list', { name: 'Técnicos y su última posición' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').filter({ hasText: MAP_LAB.technician.name })).toContainText(/hace \d+ min/);
  await expect(list.getByRole('listitem').filter({ hasText: MAP_LAB.silent.name })).toContainText('Sin posición');
  // A technician's name in the list links to their profile, which says where they are too.
  await list.getByRole('link', { name: MAP_LAB.silent.name }).click();
  await expect(page.getByRole('heading', { name: MAP_LAB.silent.name, level: 1 })).toBeVisible();
  await expect(page.getByTestId('last-position-age')).toHaveText('Sin posición · No envió su posición en los últimos 30 días.');
});

test('an admin sets a technician’s base; with no position from the app, the distance is measured from there', async ({ page }) => {
  await signInStaff(page, STAFF.admin);
  await page.goto('/users');
  await page.getByRole('link', { name: 'Ramiro Ríos' }).click();
  await expect(page.getByRole('heading', { name: 'Ramiro Ríos', level: 1 })).toBeVisible();
  const card = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Base del técnico' }) });
  await card.getByLabel('Dirección de la base').fill('Depósito <b>Sur</b> — Calle 12 nº 400');
  // A pair copied from a map, pasted in one field, fills both.
  await card.getByLabel('Latitud').fill('-34.7300, -58.2600');
  await expect(card.getByLabel('Longitud')).toHaveValue('-58.2600');
  await card.getByRole('button', { name: 'Guardar base' }).click();
  await expect(card.getByRole('status')).toHaveText('Base guardada.');
  // Out of range: the field says why, and the saved base stays.
  await card.getByLabel('Latitud').fill('-134.73');
  await card.getByRole('button', { name: 'Guardar base' }).click();
  await expect(card.getByText('La latitud debe estar entre -90 y 90.')).toBeVisible();
  await page.reload();
  await expect(card.getByLabel('Dirección de la base')).toHaveValue('Depósito <b>Sur</b> — Calle 12 nº 400');
  await expect(card.getByLabel('Latitud')).toHaveValue('-34.73');

  await page.goto('/tickets');
  await createTicketOnConnection(page, { code: '1001', customer: 'María Fernández (1001)', title: 'Distancia desde la base', description: 'G6: el técnico sin posición, medido desde su base.' });
  await page.goto(`/tickets?q=${encodeURIComponent('distancia desde la base')}`);
  await page.getByRole('link', { name: 'Distancia desde la base' }).click();
  const km = haversineKm({ lat: -34.72, lng: -58.27 }, { lat: -34.73, lng: -58.26 });
  await expect(page.getByRole('region', { name: 'Distancia a la conexión' }).getByRole('button', { name: `Ramiro Ríos · ${formatDistance(km, 'es-AR')} (desde la base)`, exact: true })).toBeVisible();
});

// C16 on the technician's phone: the switch in the profile is this device's consent, kept across
// reloads (read once the page has loaded, src/components/tech/location-consent.tsx); while it is on,
// the app reports the phone's position; off, it stops and stays off. The phone stands where the seed put
// the technician, so the office's view in the tests above is unchanged.
test('the technician turns location sharing on in the app; it is remembered on the device and reports the position', async ({ browser }) => {
  const context = await browser.newContext({ ...PHONE, geolocation: TECHNICIAN_POSITION, permissions: ['geolocation'] });
  const tech = await context.newPage();
  await signInStaff(tech, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await tech.getByRole('navigation', { name: 'Secciones de la app' }).getByRole('link', { name: 'Perfil' }).click();
  const sharing = tech.getByRole('switch', { name: 'Compartir mi ubicación con la oficina' });
  await expect(sharing).not.toBeChecked();
  await expect(tech.getByRole('status').filter({ hasText: 'No compartís tu ubicación.' })).toBeVisible();

  const reported = tech.waitForRequest((r) => r.url().includes('/api/trpc/positions.report') && r.method() === 'POST');
  await sharing.check();
  await expect(tech.getByRole('status').filter({ hasText: 'Compartiendo tu ubicación.' })).toBeVisible();
  const sent = JSON.parse((await reported).postData() ?? '{}') as Record<string, { json: { latitude: number; longitude: number } }>;
  expect(Object.values(sent)[0]?.json).toMatchObject({ latitude: TECHNICIAN_POSITION.latitude, longitude: TECHNICIAN_POSITION.longitude });

  // Reopened, the app remembers the choice and reports again.
  const again = tech.waitForRequest((r) => r.url().includes('/api/trpc/positions.report') && r.method() === 'POST');
  await tech.reload();
  await expect(sharing).toBeChecked();
  await expect(tech.getByRole('status').filter({ hasText: 'Compartiendo tu ubicación.' })).toBeVisible();
  await again;

  // Off: no more reports, and still off after a reload.
  await sharing.uncheck();
  await expect(tech.getByRole('status').filter({ hasText: 'No compartís tu ubicación.' })).toBeVisible();
  await tech.reload();
  await expect(tech.getByRole('status').filter({ hasText: 'No compartís tu ubicación.' })).toBeVisible();
  await expect(sharing).not.toBeChecked();
  await context.close();
});
