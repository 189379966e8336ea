// E7 in the back office, on a phone: "Mapa" shows the demo ISP's 400 connections — clusters when
// zoomed out (a tap zooms in), points colored by status when close — with labels as text, even
// when an address is markup. The same component is the technician app's map.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO, STAFF, signInStaff } from './helpers';
import { MAP_MARKUP } from './seed';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const COLORS = { ENABLED: '#16a34a', BLOCKED: '#dc2626', NO_SERVICE: '#6b7280' } as const;

/** The number of connections the summary says are in view, once it says (not while it loads). */
async function inView(page: Page): Promise<number> {
  const summary = page.getByTestId('map-summary');
  let count = Number.NaN;
  await expect
    .poll(async () => {
      const match = /^([\d.]+) conexi(ón|ones) en esta zona/.exec((await summary.textContent()) ?? '');
      count = match ? Number(match[1]!.replace(/\./g, '')) : Number.NaN;
      return Number.isNaN(count);
    })
    .toBe(false);
  return count;
}

/**
 * A tap on a marker: a click dispatched on its path, at its center (Leaflet reads clicks off the
 * map's container and places a label where the click was), whatever marker overlaps it.
 */
async function tap(marker: Locator) {
  const box = (await marker.boundingBox())!;
  await marker.dispatchEvent('click', { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 });
}

test('the office opens the map: clusters of the whole network, a tap zooms in until the connections show, colored by status', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInStaff(page, STAFF.operator);
  await page.getByRole('button', { name: 'Menú' }).click();
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Mapa' }).click();
  await expect(page.getByRole('heading', { name: 'Mapa de conexiones', level: 1 })).toBeVisible();

  const map = page.getByTestId('connections-map');
  // Full width, and most of the phone's height.
  const box = (await map.boundingBox())!;
  expect(box.width).toBeGreaterThan(340);
  expect(box.height).toBeGreaterThan(400);
  await expect(map.locator('img.leaflet-tile-loaded').first()).toBeAttached();

  // Zoomed out on the whole network: more than 300 in view, so clusters, each colored by its commonest status and showing its count.
  const clusters = map.locator('path.map-cluster');
  await expect(clusters.first()).toBeVisible();
  const total = await inView(page);
  expect(total).toBeGreaterThan(300);
  await expect(map.locator('path.map-point')).toHaveCount(0);
  await expect(map.locator('.map-cluster-count').first()).toHaveText(/^\d/);
  await expect(map.locator('path.map-cluster-ENABLED').first()).toHaveAttribute('fill', COLORS.ENABLED);
  const legend = page.getByRole('region', { name: 'Referencias' });
  for (const name of ['Habilitada', 'Bloqueada', 'Sin servicio']) await expect(legend).toContainText(name);

  // A tap on a cluster zooms in; a few taps later the connections themselves show.
  for (let i = 0; i < 6 && (await map.locator('path.map-point').count()) === 0; i++) {
    const before = await inView(page);
    await tap(clusters.first());
    await expect.poll(() => inView(page)).toBeLessThan(before);
  }
  await expect(map.locator('path.map-point').first()).toBeVisible();
  expect(await inView(page)).toBeLessThanOrEqual(300);
  expect(dialogs).toEqual([]);
});

test('close up, the demo connections are points of their status’s color, and a label with markup is shown as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInStaff(page, STAFF.operator);
  // The demo's first forty connections, in Quilmes, and the one whose address is markup.
  await page.goto(`${DEMO}/map?lat=${MAP_MARKUP.latitude}&lng=${MAP_MARKUP.longitude}&z=15`);
  const map = page.getByTestId('connections-map');
  await expect(map.locator('path.map-point').first()).toBeVisible();
  expect(await inView(page)).toBeLessThanOrEqual(300);
  await expect(map.locator('path.map-cluster')).toHaveCount(0);

  // Every point's color is its status's; every status is there.
  for (const [status, color] of Object.entries(COLORS)) {
    const points = map.locator(`path.map-point-${status}`);
    await expect(points.first(), status).toBeAttached();
    for (const fill of await points.evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')))) expect(fill, status).toBe(color);
  }

  // Tapped, a point says what it is: a blocked demo connection (C-1006, Moreno 285, at -34.705, -58.27)
  // and the one whose address is markup — shown as that text, with no element made of it. Each is
  // in the middle of a closer view, so its label opens without moving the map.
  const popup = map.locator('.leaflet-popup-content');
  const labelsAt = async (lat: number, lng: number, status: keyof typeof COLORS) => {
    await page.goto(`${DEMO}/map?lat=${lat}&lng=${lng}&z=17`);
    const points = map.locator(`path.map-point-${status}`);
    await expect(points.first()).toBeVisible();
    const labels: string[] = [];
    for (const point of await points.all()) {
      await tap(point);
      await expect(popup).toHaveCount(1);
      labels.push((await popup.textContent())!);
      // Closed before the next (a closing label fades out for a moment). On a loaded machine a label once
      // stayed open after its close button had taken the click (CI run of 2026-12-07): closing is retried.
      await expect(async () => {
        if (await popup.count()) await map.locator('.leaflet-popup-close-button').click({ timeout: 2_000 });
        await expect(popup).toHaveCount(0, { timeout: 2_000 });
      }).toPass({ timeout: 15_000 });
    }
    return labels;
  };
  expect(await labelsAt(-34.705, -58.27, 'BLOCKED')).toContain('C-1006 · Moreno 285 (Bloqueada)');
  expect(await labelsAt(MAP_MARKUP.latitude, MAP_MARKUP.longitude, 'NO_SERVICE')).toContain(`${MAP_MARKUP.code} · ${MAP_MARKUP.address} (Sin servicio)`);
  await tap(map.locator('path.map-point-NO_SERVICE').first());
  await expect(popup).toHaveCount(1);
  await expect(popup.locator('img')).toHaveCount(0);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
