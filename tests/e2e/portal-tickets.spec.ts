// Issue 17, tickets (F5, F11): on a phone, María (demo customer 1001) opens a ticket from the portal
// with a category, a reason and a photo from the camera; the operator sees it in the back office with
// its photo; María adds information and closes it; the daily limit (set in Settings → "App y portal")
// refuses the next one — in the page and on the server; with "Permitir la carga de tickets" off the
// server refuses too. The settings are restored at the end.
import sharp from 'sharp';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, PHONE, STAFF, signInDemoCustomer, signInStaff } from './helpers';

const RUN = Date.now().toString(36);
const DESCRIPTION = `El módem titila en rojo desde la tormenta (${RUN}).`;

/** The tickets card of Settings → "App y portal", as the admin sees it (a desktop window). */
async function ticketSettings(browser: Browser) {
  const page = await browser.newPage();
  await signInStaff(page, STAFF.admin);
  await page.goto(`${DEMO}/settings/portal`);
  const card = page.getByRole('form', { name: 'Tickets de clientes', exact: true });
  await expect(card).toBeVisible();
  return { page, card };
}

/** Saves the card and waits for the server's answer (the saved notice stays from an earlier save). */
async function save(admin: { page: Page; card: ReturnType<Page['getByRole']> }) {
  const answered = admin.page.waitForResponse((r) => r.url().includes('portalTicketSettings.update'));
  await admin.card.getByRole('button', { name: 'Guardar' }).click();
  expect((await answered).status()).toBe(200);
  await expect(admin.card.getByText('Cambios guardados')).toBeVisible();
}

/** A ticket posted from the page itself (its cookies), as the form does: the server's own answer. */
async function postTicket(page: Page) {
  return page.evaluate(async () => {
    const form = new FormData();
    form.set('kind', 'ticket');
    form.set('description', 'Otro más');
    const res = await fetch('/api/portal/tickets', { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as { error?: { message: string } } };
  });
}

test.describe('on a phone', () => {
  test.use(PHONE);

  test('María opens a ticket with a reason and a photo, the office sees it, she replies and closes it; the daily limit and the switch refuse the next', async ({ page, browser }) => {
    // One journey across three windows (the admin's, the office's, the phone): more steps than one test's usual budget.
    test.slow();
    // The admin allows two tickets a day.
    const admin = await ticketSettings(browser);
    await admin.card.getByLabel('Limitar cantidad de tickets creados por día').check();
    await admin.card.getByLabel('Cantidad máxima de tickets por día').fill('2');
    await save(admin);

    await signInDemoCustomer(page);
    await page.getByRole('navigation', { name: 'Secciones del portal' }).getByRole('link', { name: 'Tickets' }).click();
    await page.getByRole('link', { name: 'Nuevo ticket' }).click();
    await expect(page).toHaveURL(/\/portal\/tickets\/new$/);
    const form = page.getByRole('form', { name: 'Nuevo ticket' });
    await form.getByLabel('¿Sobre qué es?').selectOption({ label: 'No tengo Internet' });
    await form.getByRole('radio', { name: 'El módem tiene una luz roja' }).check();
    await form.getByLabel('Describí tu problema').fill(DESCRIPTION);
    // A photo "from the camera" (the input that opens it), made smaller on the phone before it goes.
    const jpeg = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#b02020' } }).jpeg().toBuffer();
    await form.locator('input[type=file][capture]').setInputFiles({ name: 'camara.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await expect(form.getByRole('list', { name: 'Fotos para enviar' }).getByRole('img')).toHaveCount(1);
    await form.getByRole('button', { name: 'Enviar' }).click();

    await expect(page).toHaveURL(/\/portal\/tickets\/[0-9a-f-]{36}\?created=1$/);
    await expect(page.getByRole('status').filter({ hasText: 'Recibimos tu ticket' })).toBeVisible();
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toContainText('El módem tiene una luz roja');
    const number = /#(\d+)/.exec((await heading.textContent()) ?? '')![1]!;
    const ticketId = /\/portal\/tickets\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await expect(page.getByText(DESCRIPTION)).toBeVisible();
    await expect(page.getByRole('list', { name: 'Archivos del ticket' }).getByRole('img', { name: 'camara.jpg' })).toBeVisible();

    // The office sees it, with its category, the photo and the customer.
    const office = await browser.newPage();
    await signInStaff(office, STAFF.operator);
    await office.goto(`${DEMO}/tickets/${ticketId}`);
    await expect(office.getByText(`#${number}`).first()).toBeVisible();
    await expect(office.locator('textarea[name=description]')).toHaveValue(DESCRIPTION);
    await expect(office.getByText('María Fernández').first()).toBeVisible();
    await office.getByRole('tab', { name: 'Archivos' }).click();
    await expect(office.getByText('camara.jpg').first()).toBeVisible();

    // María adds information; the office reads it.
    const reply = page.getByRole('form', { name: 'Agregar información' });
    await reply.getByLabel('Agregar información').fill('Ya probé desenchufarlo.');
    await reply.getByRole('button', { name: 'Enviar' }).click();
    await expect(reply.getByRole('status')).toHaveText('Enviamos tu mensaje.');
    await expect(page.getByRole('list', { name: 'Historial' })).toContainText('Ya probé desenchufarlo.');
    await office.reload();
    await office.getByRole('tab', { name: 'Comentarios' }).click();
    await expect(office.getByText('Ya probé desenchufarlo.')).toBeVisible();

    // She closes it.
    await page.getByRole('button', { name: 'Cerrar el ticket' }).click();
    await page.getByRole('button', { name: 'Sí, cerrarlo' }).click();
    await expect(page.getByRole('list', { name: 'Historial' })).toContainText('Estado: Cerrado');
    await expect(page.getByRole('form', { name: 'Agregar información' })).toHaveCount(0);

    // A second ticket fills the day's limit (2): the page says so and the server refuses the third.
    await page.goto(`${DEMO}/portal/tickets/new`);
    await form.getByLabel('¿Sobre qué es?').selectOption({ label: 'Otra consulta' });
    await form.getByRole('radio', { name: 'Otros' }).check();
    await form.getByLabel('Describí tu problema').fill('¿Tienen IP fija?');
    await form.getByRole('button', { name: 'Enviar' }).click();
    await expect(page).toHaveURL(/\/portal\/tickets\/[0-9a-f-]{36}\?created=1$/);
    await page.goto(`${DEMO}/portal/tickets`);
    await expect(page.getByText('Ya cargaste 2 tickets hoy, el máximo por día. Vas a poder cargar otro mañana.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Nuevo ticket' })).toBeDisabled();
    const refused = await postTicket(page);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.message).toBe('Ya cargaste 2 tickets hoy, el máximo por día. Vas a poder cargar otro mañana.');

    // "Permitir la carga de tickets" off: the server refuses, whatever the page would show.
    await admin.card.getByLabel('Limitar cantidad de tickets creados por día').uncheck();
    await admin.card.getByLabel('Permitir la carga de tickets').uncheck();
    await save(admin);
    const off = await postTicket(page);
    expect(off.status).toBe(403);
    expect(off.body.error?.message).toBe('Tu proveedor no permite cargar tickets desde el portal.');
    await page.goto(`${DEMO}/portal/tickets/new`);
    await expect(page.getByText('Tu proveedor no permite cargar tickets desde el portal.')).toBeVisible();
    await page.goto(`${DEMO}/portal/tickets`);
    await expect(page.getByRole('link', { name: 'Nuevo ticket' })).toHaveCount(0);

    // Back as the demo has it: creating on, three a day.
    await admin.card.getByLabel('Permitir la carga de tickets').check();
    await admin.card.getByLabel('Limitar cantidad de tickets creados por día').check();
    await admin.card.getByLabel('Cantidad máxima de tickets por día').fill('3');
    await save(admin);
  });
});
