// Sessions end for real (issue 15, point 5), as a browser sees it: signing out ends the session for a
// copy of its cookie too; "sign out everywhere" (staff profile, portal) ends every device's session;
// changing one's password keeps this browser signed in and signs the others out; the new password
// follows the policy.
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, LOOPBACK, STAFF, formAlert, signInStaff, signOut } from './helpers';

/** A second browser holding a copy of the first one's cookies (a stolen or copied cookie). */
async function copyOf(browser: Browser, context: BrowserContext): Promise<BrowserContext> {
  const copy = await browser.newContext();
  await copy.addCookies(await context.cookies());
  return copy;
}

async function sessionCookieHeader(context: BrowserContext): Promise<string> {
  const session = (await context.cookies(DEMO)).find((c) => c.name.includes('session-token'));
  expect(session).toBeDefined();
  return `${session!.name}=${session!.value}`;
}

test('signing out ends the session: a copy of the cookie in another browser is sent to the sign-in page', async ({ browser }) => {
  test.setTimeout(120_000);
  const first = await browser.newContext();
  const page = await first.newPage();
  await signInStaff(page, STAFF.operator);
  const cookie = await sessionCookieHeader(first);

  const second = await copyOf(browser, first);
  const other = await second.newPage();
  await other.goto(`${DEMO}/customers`);
  await expect(other.getByRole('heading', { level: 1, name: 'Clientes' })).toBeVisible();

  await signOut(page);
  await other.goto(`${DEMO}/customers`);
  await expect(other).toHaveURL(/\/login/);
  // The API refuses the copied cookie too.
  const api = await other.request.get(`${LOOPBACK}/api/trpc/users.me`, { headers: { host: new URL(DEMO).host, cookie } });
  expect(api.status()).toBe(401);

  // Signing in again works, and the operator's other sessions were never touched by this.
  await signInStaff(page, STAFF.operator);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hola');
  await first.close();
  await second.close();
});

test('an admin creates a user; changing their password keeps this browser in and signs the others out', async ({ browser }) => {
  // Four browsers' worth of sign-ins and a dozen form submissions, each password checked with argon2.
  test.setTimeout(180_000);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInStaff(admin, STAFF.admin);
  await admin.goto(`${DEMO}/users`);
  await admin.getByRole('button', { name: 'Nuevo usuario' }).click();
  await admin.getByLabel('Nombre', { exact: true }).fill('Inés Cuenta');
  await admin.getByLabel('Correo electrónico', { exact: true }).fill('ines.cuenta@demo.antena.test');
  await admin.getByLabel('Rol', { exact: true }).selectOption('OPERATOR');
  // The policy at creation: a common password is refused with a translated message.
  await admin.getByLabel('Contraseña inicial').fill('password123');
  await admin.getByRole('button', { name: 'Crear' }).click();
  await expect(admin.getByText('Esa contraseña es de las más usadas o aparece en filtraciones: elegí otra.')).toBeVisible();
  await admin.getByLabel('Contraseña inicial').fill('clave-de-ines-1');
  await admin.getByRole('button', { name: 'Crear' }).click();
  await expect(admin.getByTestId('user-ines.cuenta@demo.antena.test')).toContainText('Inés Cuenta');
  await adminContext.close();

  const laptopContext = await browser.newContext();
  const phoneContext = await browser.newContext();
  const laptop = await laptopContext.newPage();
  const phone = await phoneContext.newPage();
  await signInStaff(laptop, 'ines.cuenta@demo.antena.test', 'clave-de-ines-1');
  await signInStaff(phone, 'ines.cuenta@demo.antena.test', 'clave-de-ines-1');

  await laptop.getByRole('link', { name: 'Mi cuenta' }).click();
  await expect(laptop.getByRole('heading', { level: 1, name: 'Mi cuenta' })).toBeVisible();
  const form = laptop.getByRole('form', { name: 'Cambiar mi contraseña' });
  // Wrong current password, then a new one that is the user's own e-mail: translated field errors.
  await form.getByLabel('Contraseña actual').fill('no-es-la-actual');
  await form.getByLabel('Contraseña nueva', { exact: true }).fill('una-nueva-de-ines-2');
  await form.getByLabel('Repetí la contraseña nueva').fill('una-nueva-de-ines-2');
  await form.getByRole('button', { name: 'Cambiar contraseña' }).click();
  await expect(form.getByText('La contraseña actual no es correcta.')).toBeVisible();
  await form.getByLabel('Contraseña actual').fill('clave-de-ines-1');
  await form.getByLabel('Contraseña nueva', { exact: true }).fill('ines.cuenta@demo.antena.test');
  await form.getByLabel('Repetí la contraseña nueva').fill('ines.cuenta@demo.antena.test');
  await form.getByRole('button', { name: 'Cambiar contraseña' }).click();
  await expect(form.getByText('La contraseña no puede ser igual al correo, al nombre ni al usuario de la cuenta.')).toBeVisible();

  await form.getByLabel('Contraseña nueva', { exact: true }).fill('una-nueva-de-ines-2');
  await form.getByLabel('Repetí la contraseña nueva').fill('una-nueva-de-ines-2');
  await form.getByRole('button', { name: 'Cambiar contraseña' }).click();
  await expect(form.getByRole('status')).toContainText('Listo: cambiaste tu contraseña.');
  // This browser is still signed in…
  await laptop.goto(`${DEMO}/customers`);
  await expect(laptop.getByRole('heading', { level: 1, name: 'Clientes' })).toBeVisible();
  // … the phone is not.
  await phone.goto(`${DEMO}/customers`);
  await expect(phone).toHaveURL(/\/login/);
  await phone.getByLabel('Correo electrónico').fill('ines.cuenta@demo.antena.test');
  await phone.getByLabel('Contraseña').fill('clave-de-ines-1');
  await phone.getByRole('button', { name: 'Ingresar' }).click();
  await expect(formAlert(phone)).toHaveText('Usuario o contraseña incorrectos.');
  await signInStaff(phone, 'ines.cuenta@demo.antena.test', 'una-nueva-de-ines-2');

  // Sign out everywhere, from the laptop: both browsers end up at the sign-in page.
  await laptop.goto(`${DEMO}/account`);
  await laptop.getByRole('button', { name: 'Cerrar todas mis sesiones' }).click();
  await laptop.getByRole('alertdialog').getByRole('button', { name: 'Cerrar todas mis sesiones' }).click();
  await expect(laptop).toHaveURL(/\/login/);
  await phone.goto(`${DEMO}/customers`);
  await expect(phone).toHaveURL(/\/login/);
  await laptopContext.close();
  await phoneContext.close();
});

test('a customer signs out of the portal everywhere', async ({ browser }) => {
  test.setTimeout(120_000);
  const contexts = [await browser.newContext(), await browser.newContext()];
  const [one, two] = await Promise.all(contexts.map((c) => c.newPage()));
  for (const page of [one!, two!]) {
    await page.goto(`${DEMO}/portal/login`);
    await page.getByLabel('Número de documento').fill('30.123.456');
    await page.getByLabel('Contraseña').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page.getByRole('heading', { name: 'Hola, María Fernández' })).toBeVisible();
  }
  await one!.getByRole('navigation', { name: 'Secciones del portal' }).getByRole('link', { name: 'Perfil' }).click();
  await one!.getByRole('button', { name: 'Cerrar todas mis sesiones' }).click();
  await one!.getByRole('alertdialog').getByRole('button', { name: 'Cerrar todas mis sesiones' }).click();
  await expect(one!).toHaveURL(`${DEMO}/portal/login`);
  await two!.goto(`${DEMO}/portal`);
  await expect(two!).toHaveURL(`${DEMO}/portal/login`);
  for (const c of contexts) await c.close();
});

test('a technician has the same account page in the technician app', async ({ page }) => {
  await signInStaff(page, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await page.getByRole('navigation', { name: 'Secciones de la app' }).getByRole('link', { name: 'Perfil' }).click();
  await page.getByRole('link', { name: 'Mi cuenta' }).click();
  await expect(page).toHaveURL(`${DEMO}/tech/account`);
  await expect(page.getByRole('form', { name: 'Cambiar mi contraseña' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cerrar todas mis sesiones' })).toBeVisible();
});
