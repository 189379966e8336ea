// A1 / issue 15 point 6: an ISP signs up on the root domain; its subdomain serves nothing until the
// admin follows the link e-mailed to them (here through the local Resend stand-in), which signs them
// in on the new subdomain. Refused subdomains get their reason on the field.
import { expect, test, type Page } from '@playwright/test';
import { deliveredEmails, PORT, ROOT } from './helpers';

async function fillSignUp(page: Page, fields: { name: string; slug: string; adminName: string; email: string }) {
  await page.goto(ROOT);
  await page.getByLabel('Nombre de la empresa').fill(fields.name);
  await page.getByLabel('Subdominio').fill(fields.slug);
  await page.getByLabel('País').selectOption('CO');
  await page.getByLabel('Tu nombre').fill(fields.adminName);
  await page.getByLabel('Tu correo electrónico').fill(fields.email);
  await page.getByLabel('Contraseña (mínimo 10 caracteres)').fill('clave-segura-1');
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
}

/** The verification links e-mailed to `to` so far, oldest first. */
async function linksTo(to: string): Promise<string[]> {
  return (await deliveredEmails()).filter((e) => e.body.to.includes(to)).map((e) => /https?:\/\/\S+\/auth\/handoff\?token=[\w-]+/.exec(e.body.text)![0]);
}

test('an ISP signs up, confirms its admin’s e-mail through the link, and lands signed in on the new subdomain', async ({ page }) => {
  const email = 'laura@redandina.test';
  await fillSignUp(page, { name: 'Red Andina', slug: 'red-andina', adminName: 'Laura Gómez', email });
  await expect(page.getByRole('heading', { name: 'Confirmá tu correo' })).toBeVisible();
  await expect(page.getByText(`Te enviamos un enlace a ${email}. Abrilo para activar red-andina.localhost y entrar.`)).toBeVisible();
  await expect(page.getByText('El enlace vence en 48 horas.', { exact: false })).toBeVisible();
  await expect.poll(() => linksTo(email)).toHaveLength(1);

  // Asked for again: a second e-mail, a second link.
  await page.getByRole('button', { name: 'Reenviar el enlace' }).click();
  await expect(page.getByText(`Te enviamos un enlace nuevo a ${email}.`)).toBeVisible();
  await expect.poll(() => linksTo(email)).toHaveLength(2);
  const [first, second] = await linksTo(email);
  expect(second).toMatch(new RegExp(`^http://red-andina\\.localhost:${PORT}/auth/handoff\\?token=`));

  // Until it is confirmed, the subdomain serves nothing.
  await page.goto(`http://red-andina.localhost:${PORT}/login`);
  await expect(page.getByRole('heading', { name: 'Página no encontrada' })).toBeVisible();

  await page.goto(second!);
  await expect(page).toHaveURL(new RegExp(`^http://red-andina\\.localhost:${PORT}/$`));
  await expect(page.getByRole('heading', { name: 'Hola, Laura Gómez' })).toBeVisible();
  await expect(page.getByText('Red Andina').first()).toBeVisible();

  // Every link of the sign-up is spent now.
  await page.context().clearCookies();
  await page.goto(first!);
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('El enlace de ingreso venció o ya se usó.');
});

test('a taken subdomain, a look-alike of it and a look-alike of a reserved name are refused on the field', async ({ page }) => {
  await fillSignUp(page, { name: 'Otra Red', slug: 'acme', adminName: 'Otro', email: 'otro@otrared.test' });
  await expect(page.getByText('Ese subdominio ya está en uso.')).toBeVisible();
  await fillSignUp(page, { name: 'Otra Red', slug: 'acrne', adminName: 'Otro', email: 'otro@otrared.test' });
  await expect(page.getByText('Se parece demasiado a «acme», el subdominio de otra empresa.')).toBeVisible();
  await fillSignUp(page, { name: 'Otra Red', slug: 'supp0rt', adminName: 'Otro', email: 'otro@otrared.test' });
  await expect(page.getByText('Se parece demasiado a «support», un nombre reservado.')).toBeVisible();
  await fillSignUp(page, { name: 'Otra Red', slug: 'xn--red-9za', adminName: 'Otro', email: 'otro@otrared.test' });
  await expect(page.getByText('No se aceptan subdominios en punycode (xn--…): usá letras sin acentos, números y guiones.')).toBeVisible();
});
