// Issue 17, access and profile (F1, F2, F8, F12), on the Acme tenant (no other spec uses its portal):
// the operator sets the portal's login field and its welcome and info messages in Settings > "App y
// portal" and copies the portal's address; then, on a phone, a customer does "primer ingreso" by the
// e-mailed link (delivered by the worker to the local server speaking Resend's API), sets a password,
// signs in, sees the welcome message once (not on the next sign-in), opens the info message and adds
// a phone in the profile; the link used a second time is refused.
import { expect, test, type Page } from '@playwright/test';
import { ACME, ACME_PASSWORD, deliveredEmails, formAlert, PHONE, STAFF, signInStaff } from './helpers';

const RUN = Date.now().toString(36);
const CUSTOMER = { code: `ACC-${RUN}`, name: 'Lucía Acceso', email: `lucia-${RUN}@acme.example` };
const WELCOME = '¡Bienvenida a Acme! <b>Tu portal</b> está listo.\nSegunda línea.';
const INFO = 'Soporte: 0800-555-2263 (lunes a viernes)';
const NEW_PASSWORD = 'luz-del-valle-2031';

/** A tRPC mutation from the page, with its cookies and host, as the app's own client makes it. */
async function mutate(page: Page, path: string, input: unknown) {
  return page.evaluate(
    async ({ path, input }) => {
      const res = await fetch(`/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: input }) });
      return { status: res.status, body: await res.json() };
    },
    { path, input },
  );
}

test('an operator edits the portal’s settings: the address to copy, the login field, the welcome and info messages', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ACME });
  await signInStaff(page, STAFF.admin, ACME_PASSWORD, ACME);
  await page.goto(`${ACME}/settings`);
  await page.getByRole('tablist', { name: 'Secciones de la configuración' }).getByRole('tab', { name: 'App y portal' }).click();
  await expect(page).toHaveURL(/\/settings\/portal$/);
  const form = page.getByRole('form', { name: 'App y portal' });
  await expect(form.getByText(`${ACME}/portal`, { exact: true })).toBeVisible();
  await form.getByRole('button', { name: 'Copiar' }).click();
  await expect(form.getByRole('status').filter({ hasText: '¡Copiada!' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${ACME}/portal`);

  await form.getByLabel('Dato con el que ingresan los clientes').selectOption('CODE');
  // Too long: a translated field error, nothing saved.
  await form.getByLabel('Mensaje de bienvenida').fill('x'.repeat(1001));
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(form.getByText('Debe tener como máximo 1000 caracteres.')).toBeVisible();
  await form.getByLabel('Mensaje de bienvenida').fill(WELCOME);
  await form.getByLabel('Información de contacto o ayuda').fill(INFO);
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Cambios guardados')).toBeVisible();

  await page.reload();
  const again = page.getByRole('form', { name: 'App y portal' });
  await expect(again.getByLabel('Mensaje de bienvenida')).toHaveValue(WELCOME);
  await expect(again.getByLabel('Información de contacto o ayuda')).toHaveValue(INFO);
  await expect(again.getByLabel('Dato con el que ingresan los clientes')).toHaveValue('CODE');

  // The customer of the next test, created by the office (no portal password yet).
  const created = await mutate(page, 'customers.create', { code: CUSTOMER.code, name: CUSTOMER.name, emails: [CUSTOMER.email] });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
});

test.describe('on a phone', () => {
  test.use(PHONE);

  test('a customer sets their password by the e-mailed link, sees the welcome once, opens the info and adds a phone; the link works once', async ({ page }) => {
    await page.goto(`${ACME}/portal/login`);
    await page.getByRole('link', { name: 'Primer ingreso / Olvidé mi contraseña' }).click();
    await expect(page).toHaveURL(/\/portal\/access$/);
    const request = page.getByRole('form', { name: 'Primer ingreso / Olvidé mi contraseña' });
    await request.getByLabel('Número de cliente').fill(CUSTOMER.code);
    await request.getByRole('button', { name: 'Enviarme el enlace' }).click();
    await expect(page.getByText(/Si los datos corresponden a una cuenta, te enviamos un enlace/)).toBeVisible();

    await expect.poll(async () => (await deliveredEmails()).some((m) => m.body.to[0] === CUSTOMER.email), { timeout: 20_000 }).toBe(true);
    const mail = (await deliveredEmails()).find((m) => m.body.to[0] === CUSTOMER.email)!.body;
    expect(mail.subject).toBe('Tu acceso al portal de Acme Telecomunicaciones');
    const link = /(http:\/\/acme\.localhost:\d+\/portal\/password\?token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(link, mail.text).toBeTruthy();

    await page.goto(link!);
    await page.getByLabel('Contraseña nueva', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repetí la contraseña nueva').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Guardar mi contraseña' }).click();
    await expect(page.getByText('Listo: ya podés ingresar con tu nueva contraseña.')).toBeVisible();

    // The same link a second time: refused.
    await page.goto(link!);
    await page.getByLabel('Contraseña nueva', { exact: true }).fill('otra-clave-distinta-77');
    await page.getByLabel('Repetí la contraseña nueva').fill('otra-clave-distinta-77');
    await page.getByRole('button', { name: 'Guardar mi contraseña' }).click();
    await expect(formAlert(page)).toContainText('Este enlace ya se usó o venció.');

    // Signing in: the welcome message, as plain text, once.
    await signInCustomer(page);
    const welcome = page.getByRole('dialog', { name: '¡Bienvenido!' });
    await expect(welcome).toBeVisible();
    await expect(welcome).toContainText('<b>Tu portal</b> está listo.');
    await expect(welcome.locator('b')).toHaveCount(0);
    await welcome.getByRole('button', { name: 'Entendido' }).click();
    await expect(welcome).toBeHidden();

    // The info message behind the icon.
    await page.getByRole('button', { name: 'Información' }).click();
    const info = page.getByRole('dialog', { name: 'Información' });
    await expect(info).toContainText(INFO);
    await info.getByRole('button', { name: 'Cerrar' }).click();
    await expect(info).toBeHidden();
    // Mobile first: nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // Next sign-in: no welcome (the info icon shows the messages were read).
    await page.getByRole('navigation', { name: 'Secciones del portal' }).getByRole('link', { name: 'Perfil' }).click();
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await expect(page).toHaveURL(/\/portal\/login/);
    await signInCustomer(page);
    await expect(page.getByRole('button', { name: 'Información' })).toBeVisible();
    await expect(page.getByRole('dialog', { name: '¡Bienvenido!' })).toHaveCount(0);

    // The profile: add a phone (appended); the same one again is refused.
    await page.getByRole('navigation', { name: 'Secciones del portal' }).getByRole('link', { name: 'Perfil' }).click();
    await expect(page.getByRole('heading', { name: 'Mi perfil' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Correos electrónicos' })).toContainText(CUSTOMER.email);
    const phone = page.getByRole('form', { name: 'Agregar un teléfono' });
    await phone.getByLabel('Agregar un teléfono').fill('300 123 4567');
    await phone.getByRole('button', { name: 'Agregar' }).click();
    await expect(page.getByRole('list', { name: 'Teléfonos' })).toContainText('+573001234567');
    await expect(phone.getByText('Listo: lo agregamos a tu perfil.')).toBeVisible();
    await phone.getByLabel('Agregar un teléfono').fill('+57 300 1234567');
    await phone.getByRole('button', { name: 'Agregar' }).click();
    await expect(phone.getByText('Ese teléfono ya está en tu perfil.')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Teléfonos' }).getByRole('listitem')).toHaveCount(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});

async function signInCustomer(page: Page) {
  await page.goto(`${ACME}/portal/login`);
  await page.getByLabel('Número de cliente').fill(CUSTOMER.code);
  await page.getByLabel('Contraseña').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await expect(page.getByRole('heading', { name: `Hola, ${CUSTOMER.name}` })).toBeVisible();
}
