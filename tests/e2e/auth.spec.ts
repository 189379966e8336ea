// Sign-in for every role, throttling message, sign-out, and the tenant boundary as a browser sees it.
import { expect, test } from '@playwright/test';
import { ACME, ACME_PASSWORD, DEMO, DEMO_PASSWORD, ROOT, STAFF, formAlert, signInStaff, signOut, LOOPBACK } from './helpers';

test('admin, supervisor and operator reach the back office with their role; the operator sees no Users link', async ({ page }) => {
  for (const [email, role, seesUsers] of [
    [STAFF.admin, 'Administrador', true],
    [STAFF.supervisor, 'Supervisor', true],
    [STAFF.operator, 'Operador administrativo', false],
  ] as const) {
    await signInStaff(page, email);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Hola');
    await expect(page.getByText(role, { exact: true })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Navegación principal' });
    await expect(nav.getByRole('link', { name: 'Clientes' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Usuarios' })).toHaveCount(seesUsers ? 1 : 0);
    await signOut(page);
    await expect(page).toHaveURL(/\/login/);
    // Signed out: the back office sends us back to sign in.
    await page.goto(`${DEMO}/customers`);
    await expect(page).toHaveURL(/\/login/);
  }
});

test('a technician lands in the technician app, not the back office', async ({ page }) => {
  await signInStaff(page, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await expect(page.getByRole('heading', { name: /Hola, / })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Próxima visita' })).toBeVisible();
  await page.goto(`${DEMO}/customers`);
  await expect(page).toHaveURL(`${DEMO}/tech`);
  await page.getByRole('navigation', { name: 'Secciones de la app' }).getByRole('link', { name: 'Perfil' }).click();
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Ftech|\/login\?next=\/tech/);
});

test('a customer signs in to the portal with the tax id, in any format', async ({ page }) => {
  await page.goto(`${DEMO}/portal`);
  await expect(page).toHaveURL(`${DEMO}/portal/login`);
  await page.getByLabel('Número de documento').fill('30.123.456');
  await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { name: 'Hola, María Fernández' })).toBeVisible();
  // A customer's session is no staff session.
  await page.goto(`${DEMO}/customers`);
  await expect(page).toHaveURL(/\/login/);
});

test('wrong passwords get a translated error, then the account is slowed down with a clear message', async ({ page }) => {
  await page.goto(`${DEMO}/login`);
  await page.getByLabel('Correo electrónico').fill('supervisor@demo.antena.test');
  await page.getByLabel('Contraseña').fill('no-es-la-clave');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(formAlert(page)).toHaveText('Usuario o contraseña incorrectos.');
  // The throttle counts per account: use an address nobody has, so other tests keep their accounts.
  // Five failures are free; the sixth makes the next attempt wait 2 seconds (then 4, 8 … never a lock).
  await page.getByLabel('Correo electrónico').fill('nadie@demo.antena.test');
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Contraseña').fill(`mala-${i}`);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page.getByRole('button', { name: 'Ingresar' })).toBeEnabled();
  }
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(formAlert(page)).toHaveText('Demasiados intentos fallidos. Probá de nuevo en 2 segundos.');
});

test('the same e-mail is two accounts in two tenants, and a session stays on its own tenant', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The demo admin's password does not open the acme account with the same e-mail.
  await page.goto(`${ACME}/login`);
  await page.getByLabel('Correo electrónico').fill(STAFF.admin);
  await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(formAlert(page)).toHaveText('Usuario o contraseña incorrectos.');
  await signInStaff(page, STAFF.admin, ACME_PASSWORD, ACME);
  await expect(page.getByText('Acme Telecomunicaciones').first()).toBeVisible();

  // Carry acme's session cookie to the demo tenant's host: it must not be accepted there.
  const acmeCookies = await context.cookies(ACME);
  const session = acmeCookies.find((c) => c.name.includes('session-token'));
  expect(session).toBeDefined();
  await context.addCookies([{ ...session!, domain: 'demo.localhost' }]);
  const page2 = await context.newPage();
  await page2.goto(`${DEMO}/customers`);
  await expect(page2).toHaveURL(/demo\.localhost:\d+\/login/);
  // The same cookie on a direct API call to the demo host: UNAUTHORIZED.
  const api = await page2.request.get(`${LOOPBACK}/api/trpc/customers.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
    headers: { host: new URL(DEMO).host, cookie: `${session!.name}=${session!.value}` },
  });
  expect(api.status()).toBe(401);
  // While on its own host it is accepted.
  const own = await page2.request.get(`${LOOPBACK}/api/trpc/customers.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
    headers: { host: new URL(ACME).host, cookie: `${session!.name}=${session!.value}` },
  });
  expect(own.status()).toBe(200);
  await context.close();
});

test('an unknown host answers the 404 page; the root domain shows the landing page', async ({ page }) => {
  const response = await page.goto(`http://nadie.localhost:${new URL(DEMO).port}/`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Página no encontrada' })).toBeVisible();
  await page.goto(ROOT);
  await expect(page.getByRole('heading', { name: 'Creá la cuenta de tu empresa' })).toBeVisible();
});
