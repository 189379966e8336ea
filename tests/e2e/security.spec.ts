// Issue 15, points 2 and 7, through the real production server (src/cli/serve.ts):
//   - every answer carries the security headers — a page (a CSP with a fresh nonce on every script
//     Next.js renders), a tRPC answer, a route handler, a ticket file, a static file; HSTS only over HTTPS;
//   - malformed requests get a 4xx, never a 500 nor a dropped connection: a Host with user info, a
//     target that is not a path, TRACE / TRACK / CONNECT and other methods, a protocol upgrade, a NUL in a sign-in;
//   - in Chromium, the main pages work under the CSP without one violation: landing page, sign-in,
//     the ticket grid, a ticket's map (tiles from the e2e tile server), the e-mail preview, the
//     technician app with its service worker, the portal.
import net from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { createTicketOnConnection, DEMO, DEMO_PASSWORD, LOOPBACK, PORT, ROOT, signInStaff, STAFF } from './helpers';
import { TRUSTED_PROXY } from './ports';

const HOST = `demo.localhost:${PORT}`;
const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const SERVICE_WORKER_CSP = "default-src 'none'; connect-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const APP_WORKER_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function expectCommonHeaders(headers: Record<string, string>, what: string) {
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], what).toContain('microphone=()');
  expect(headers['cross-origin-opener-policy'], what).toBe('same-origin');
  expect(headers['strict-transport-security'], what).toBeUndefined();
}

function directive(csp: string | undefined, name: string): string[] | undefined {
  const found = csp?.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name);
  return found?.slice(1);
}

type RawAnswer = { status: number; headers: Record<string, string>; body: string };

/** One request written as raw bytes (fetch and http.request refuse some of these), the answer read until the server closes. */
function raw(request: string, from?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port: PORT, host: '127.0.0.1', localAddress: from }, () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${request.split('\r\n')[0]}`)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body });
    });
  });
}

const request = (method: string, target: string, host: string | null, extra: string[] = [], body = '', from?: string) =>
  raw([`${method} ${target} HTTP/1.1`, ...(host === null ? [] : [`Host: ${host}`]), ...extra, ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : []), 'Connection: close', '', body].join('\r\n'), from);

type Fetched = { status: number; headers: Record<string, string>; text: string };

/** A same-origin request from the page (the browser resolves *.localhost; Node does not), with every answer header readable. */
function fetchIn(page: Page, path: string, init: { headers?: Record<string, string>; form?: { name: string; type: string; text: string; fields?: Record<string, string> } } = {}): Promise<Fetched> {
  return page.evaluate(async ({ path, init }) => {
    let body: FormData | undefined;
    if (init.form) {
      body = new FormData();
      body.append('file', new Blob([init.form.text], { type: init.form.type }), init.form.name);
      for (const [k, v] of Object.entries(init.form.fields ?? {})) body.set(k, v);
    }
    const res = await fetch(path, { method: body ? 'POST' : 'GET', headers: init.headers, body });
    return { status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() };
  }, { path, init });
}

test('every answer carries the security headers: a page, a tRPC answer, a route handler, a ticket file, a static file', async ({ page }) => {
  // A page: its own nonce on every script Next.js renders, a new one each time.
  const first = await page.goto(`${DEMO}/login`);
  const pages = [{ headers: first!.headers(), text: await first!.text() }, await fetchIn(page, '/login')];
  const nonces: string[] = [];
  for (const res of pages) {
    expectCommonHeaders(res.headers, 'page');
    const csp = res.headers['content-security-policy'];
    const script = directive(csp, 'script-src')!;
    expect(script).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}=='$/), "'strict-dynamic'"]);
    expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(csp, 'img-src')).toContainEqual(expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/)); // the e2e tile server (MAP_TILE_URL)
    expect(directive(csp, 'upgrade-insecure-requests')).toBeUndefined();
    const nonce = /'nonce-([^']+)'/.exec(script[1]!)![1]!;
    nonces.push(nonce);
    const scripts = res.text.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(2);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces[0]).not.toBe(nonces[1]);

  // Behind the trusted load balancer (TRUSTED_PROXIES) speaking HTTPS: HSTS, and insecure requests upgraded.
  const secure = (await request('GET', '/login', HOST, ['X-Forwarded-Proto: https'], '', TRUSTED_PROXY)).headers;
  expect(secure['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
  expect(directive(secure['content-security-policy'], 'upgrade-insecure-requests')).toEqual([]);
  // The same claim from anyone else (here the browser) is not believed.
  const claimed = (await fetchIn(page, '/login', { headers: { 'x-forwarded-proto': 'https' } })).headers;
  expect(claimed['strict-transport-security']).toBeUndefined();
  expect(directive(claimed['content-security-policy'], 'upgrade-insecure-requests')).toBeUndefined();

  // The landing page on the root domain (rewritten by the proxy) too.
  expect(directive((await request('GET', '/', `localhost:${PORT}`)).headers['content-security-policy'], 'script-src')).toContain("'strict-dynamic'");

  // A tRPC answer (here an error), a route handler, a static script and a public file: nothing runs in them.
  const chunk = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(pages[0]!.text)![1]!;
  for (const [what, path] of [['tRPC', '/api/trpc/users.me'], ['route handler', '/api/auth/csrf'], ['static script', chunk], ['icon', '/icon.svg']] as const) {
    const res = await fetchIn(page, path);
    expect(res.status, what).toBeLessThan(500);
    expectCommonHeaders(res.headers, what);
    expect(res.headers['content-security-policy'], what).toBe(RESOURCE_CSP);
  }
  expect((await request('GET', '/api/auth/csrf', HOST, ['X-Forwarded-Proto: https'], '', TRUSTED_PROXY)).headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');

  // Ticket files: uploaded by an operator, downloaded with the file's own policy and the common headers.
  await signInStaff(page, STAFF.operator);
  await page.goto('/tickets');
  await createTicketOnConnection(page, { code: '1001', customer: 'María Fernández (1001)', title: 'Cabecera de archivos', description: 'Archivos con cabeceras.' });
  await page.getByLabel('Buscar', { exact: true }).fill('cabecera de archivos');
  await page.getByRole('link', { name: 'Cabecera de archivos' }).click();
  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  const ticketId = page.url().split('/').pop()!;
  const files: Record<string, string> = {};
  for (const form of [{ name: 'nota.txt', type: 'text/plain', text: 'Revisar el empalme.\n', fields: { visibility: 'STAFF' } }, { name: 'plano.pdf', type: 'application/pdf', text: '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n' }]) {
    const uploaded = await fetchIn(page, `/api/tickets/${ticketId}/files`, { form });
    expect(uploaded.status, form.name).toBe(201);
    files[form.name] = (JSON.parse(uploaded.text) as { files: { id: string }[] }).files[0]!.id;
  }
  const textFile = await fetchIn(page, `/api/files/${files['nota.txt']}`);
  expect(textFile.status).toBe(200);
  expectCommonHeaders(textFile.headers, 'text file');
  expect(directive(textFile.headers['content-security-policy'], 'sandbox')).toEqual([]);
  expect(directive(textFile.headers['content-security-policy'], 'default-src')).toEqual(["'none'"]);
  const pdfFile = await fetchIn(page, `/api/files/${files['plano.pdf']}`);
  expect(pdfFile.status).toBe(200);
  expectCommonHeaders(pdfFile.headers, 'PDF');
  expect(pdfFile.headers['content-security-policy']).toBe("frame-ancestors 'none'");
});

test('malformed requests get a 4xx from the real server, translated, never a 500 or a dropped connection', async () => {
  // Sanity: the same way of asking, well formed, is answered.
  expect((await request('GET', '/login', HOST)).status).toBe(200);

  // A Host with user info (or otherwise not a host), on a page, tRPC and a route handler.
  for (const target of ['/login', '/api/trpc/users.me', '/api/auth/csrf', '/_next/static/none.js']) {
    const res = await request('GET', target, `user@${HOST}`);
    expect(res.status, target).toBe(400);
    expect(JSON.parse(res.body), target).toEqual({ error: { code: 'BAD_REQUEST', message: 'La dirección del sitio (Host) no es válida.' } });
    expect(res.headers['content-security-policy'], target).toBe(RESOURCE_CSP);
    expect(res.headers['x-content-type-options'], target).toBe('nosniff');
  }
  const english = await request('GET', '/login', `admin:secret@${HOST}`, ['Cookie: NEXT_LOCALE=en']);
  expect([english.status, JSON.parse(english.body).error.message]).toEqual([400, 'The site address (Host) is not valid.']);
  for (const host of ['de mo.localhost', '', `${HOST}/x`]) expect((await request('GET', '/login', host)).status, JSON.stringify(host)).toBe(400);
  expect((await request('POST', '/api/trpc/tickets.create', `u@${HOST}`, ['Content-Type: application/json'], '{"json":{}}')).status).toBe(400);

  // A request target that is not a path: no redirect to another host.
  const absolute = await request('GET', 'http://elsewhere.test/login', HOST);
  expect(absolute.status).toBe(400);
  expect(absolute.headers.location).toBeUndefined();

  // Methods: TRACE, TRACK, CONNECT and everything but GET, HEAD and POST is 405 with Allow.
  for (const [method, target] of [['TRACE', '/login'], ['TRACE', '/api/trpc/users.me'], ['TRACK', '/login'], ['PUT', '/login'], ['DELETE', '/api/files/x'], ['OPTIONS', '*'], ['CONNECT', `${HOST}`], ['PROPFIND', '/']]) {
    const res = await request(method!, target!, HOST);
    expect(res.status, `${method} ${target}`).toBe(405);
    expect(res.headers.allow, `${method} ${target}`).toBe('GET, HEAD, POST');
    expect(JSON.parse(res.body).error.message, `${method} ${target}`).toBe('Este método HTTP no está admitido. Usá GET o POST.');
  }
  expect((await request('HEAD', '/login', HOST)).status).toBe(200);

  // Switching protocols (a WebSocket, h2c): Antena speaks HTTP/1.1 only.
  for (const target of ['/login', '/api/trpc/users.me']) {
    const upgrade = await request('GET', target, HOST, ['Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']);
    expect(upgrade.status, target).toBe(400);
  }
});

test('a NUL byte in a sign-in is a wrong sign-in, not a server error', async ({ page }) => {
  // From the test runner to the loopback address, the tenant in the Host header; the CSRF cookie kept by the request context.
  const csrf = (await (await page.request.get(`${LOOPBACK}/api/auth/csrf`, { headers: { host: HOST } })).json()) as { csrfToken: string };
  for (const [provider, fields] of [['staff', { email: `${STAFF.admin}\u0000`, password: DEMO_PASSWORD }], ['customer', { login: '30123456\u0000', password: DEMO_PASSWORD }]] as const) {
    const res = await page.request.post(`${LOOPBACK}/api/auth/callback/${provider}`, { headers: { host: HOST }, form: { csrfToken: csrf.csrfToken, callbackUrl: '/', ...fields }, maxRedirects: 0 });
    expect(res.status(), provider).toBe(302);
    expect(res.headers().location, provider).toContain('error=CredentialsSignin');
  }
});

/**
 * Watches a page: every CSP violation Chromium reports in any of its frames (the DOM event, and the
 * console's "Refused to …"), and the policy of every document it loads. `clean()` asserts both.
 */
async function policed(page: Page) {
  const violations: string[] = [];
  const policies: string[] = [];
  await page.exposeBinding('__cspViolation', (_source, text: string) => void violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} on ${location.href}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  page.on('response', (res) => {
    if (res.request().resourceType() === 'document' && res.request().frame() === page.mainFrame()) policies.push(res.headers()['content-security-policy'] ?? `no policy on ${res.url()}`);
  });
  return {
    clean() {
      expect(policies.length).toBeGreaterThan(0);
      for (const csp of policies) expect(directive(csp, 'script-src')).toContain("'strict-dynamic'");
      expect(violations).toEqual([]);
    },
  };
}

test('under the policy, without a violation: the landing page, the grid, a ticket and its map', async ({ page }) => {
  const police = await policed(page);
  await page.goto(`${ROOT}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await signInStaff(page, STAFF.operator);
  await page.goto('/tickets');
  await createTicketOnConnection(page, { code: '1001', customer: 'María Fernández (1001)', title: 'Visita bajo la política', description: 'El mapa bajo la política.' });
  await expect(page.getByRole('link', { name: 'Visita bajo la política' })).toBeVisible();
  await page.getByRole('link', { name: 'Visita bajo la política' }).click();
  await page.getByRole('tab', { name: 'Ubicación' }).click();
  // Tiles from MAP_TILE_URL's origin (the e2e tile server), the marker drawn by Leaflet.
  const map = page.getByTestId('ticket-map');
  await expect(map.locator('img.leaflet-tile-loaded').first()).toBeAttached();
  await expect(map.locator('path.ticket-location-marker')).toBeVisible();
  police.clean();
});

test('under the policy, without a violation: an e-mail viewed as sent keeps its styling in its sandboxed frame', async ({ page }) => {
  const police = await policed(page);
  await signInStaff(page, STAFF.admin);
  await page.goto('/tickets');
  await createTicketOnConnection(page, { code: '1001', customer: 'María Fernández (1001)', title: 'Correo bajo la política', description: 'El correo bajo la política.' });
  await page.getByRole('link', { name: 'Correo bajo la política' }).click();
  const edit = page.getByRole('form', { name: 'Datos del ticket' });
  await edit.getByLabel('Asignado a').selectOption({ label: 'Tomás Técnico' });
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Asignado a: Tomás Técnico')).toBeVisible();

  // The technician's e-mail: HTML styled by attributes, shown in a frame that inherits the page's policy.
  await page.goto('/messages/email');
  const row = page.getByRole('table', { name: 'Historial de correos' }).getByRole('row').filter({ hasText: 'Correo bajo la política' });
  await expect(async () => {
    await page.reload();
    await expect(row.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await row.first().getByRole('button', { name: `Ver el mensaje a ${STAFF.technician}` }).click();
  const mail = page.frameLocator('iframe[title="El correo tal como se envió"]');
  await expect(mail.locator('body')).toContainText('Correo bajo la política');
  await expect(mail.locator('body')).toHaveCSS('margin-top', '0px'); // 8px had its style attribute been refused
  police.clean();
});

test('under the policy, without a violation: the technician app with its service worker, and the portal', async ({ page, context }) => {
  const police = await policed(page);
  await page.goto(`${DEMO}/tech/login`);
  await signInStaff(page, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  // The device engine (its database, the queue's sender) is a worker under a policy of its own: it loads
  // its scripts and makes its requests on this origin — it reads the technician's copy for the home.
  const engine = page.waitForEvent('worker', (w) => /\/turbopack-worker-[\w-]+\.js/.test(w.url()));
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Todo sincronizado' })).toBeVisible();
  const entry = await fetchIn(page, new URL((await engine).url()).pathname);
  expect(entry.status).toBe(200);
  expectCommonHeaders(entry.headers, 'device engine');
  expect(entry.headers['content-security-policy']).toBe(APP_WORKER_CSP);
  await page.goto(`${DEMO}/tech?view=profile`);
  await expect(page.getByRole('region', { name: 'Notificaciones' })).toBeVisible();
  // The service worker (push, offline pages), registered by the app's layout, runs under its own policy: it may
  // fetch from this origin, so it precached the build's assets.
  const worker = await page.evaluate(async () => {
    const ready = await navigator.serviceWorker.ready;
    return { scope: ready.scope, script: ready.active?.scriptURL };
  });
  expect(worker).toEqual({ scope: `${DEMO}/`, script: `${DEMO}/sw.js` });
  await expect
    .poll(() => page.evaluate(async () => (await Promise.all((await caches.keys()).filter((n) => n.includes('precache')).map(async (n) => (await (await caches.open(n)).keys()).length))).reduce((a, b) => a + b, 0)))
    .toBeGreaterThan(10);
  const script = await fetchIn(page, '/sw.js');
  expect(script.status).toBe(200);
  expect(script.headers['content-type']).toMatch(/javascript/);
  expectCommonHeaders(script.headers, 'service worker');
  expect(script.headers['content-security-policy']).toBe(SERVICE_WORKER_CSP);
  const manifest = await fetchIn(page, '/tech/manifest.webmanifest');
  expect(manifest.headers['content-security-policy']).toBe(RESOURCE_CSP);
  police.clean();

  const portal = await context.newPage();
  const portalPolice = await policed(portal);
  await portal.goto(`${DEMO}/portal/login`);
  await portal.getByLabel('Número de documento').fill('30.123.456');
  await portal.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await portal.getByRole('button', { name: 'Ingresar' }).click();
  await portal.getByRole('navigation', { name: 'Secciones del portal' }).getByRole('link', { name: 'Tickets' }).click();
  await expect(portal.getByRole('list', { name: 'Mis tickets' })).toBeVisible();
  portalPolice.clean();
});
