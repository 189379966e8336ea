// G4/G5/G10 end to end: María (demo customer 1001) opens a ticket from the portal on her phone; the
// office proposes a visit in the ticket's "Intervención" card; she accepts through the e-mailed link
// with no sign-in (the link then refuses a second use); the office assigns the technician and sets the
// cost, the card says it may start, and "Iniciar ticket" sends the appointment to the technician's
// app — which showed the ticket without it until then. The grid's "Intervención" column says where
// each ticket stands. The portal's daily limit is lifted for the run and restored.
import { expect, test } from '@playwright/test';
import { DEMO, PHONE, STAFF, deliveredEmails, signInDemoCustomer, signInStaff, technicianPhone, trpc } from './helpers';

const RUN = Date.now().toString(36);

/** A day `days` from today in Buenos Aires (the demo tenant's zone), as the date input wants it. */
function dayInBuenosAires(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Argentina/Buenos_Aires' }).format(new Date(Date.now() + days * 86_400_000));
}

test('the office proposes a visit, María accepts it from the e-mail, and "start" sends it to the technician', async ({ browser }) => {
  test.setTimeout(240_000);
  const office = await browser.newPage();
  await signInStaff(office, STAFF.admin);
  // The portal's daily limit could refuse María's ticket after the other specs' tickets: off for this run.
  const settings = (await trpc(office, 'portalTicketSettings.get', undefined, 'GET')).body.result.data.json as Record<string, unknown>;
  const { dailyLimit } = settings as { dailyLimit: boolean };
  const restore = { view: settings.view, create: settings.create, onlyOpen: settings.onlyOpen, dailyLimit, dailyMax: settings.dailyMax, allowClose: settings.allowClose, defaults: settings.defaults, receipt: settings.receipt, receiptDefaults: settings.receiptDefaults, plans: settings.plans, planDefaults: settings.planDefaults };
  expect((await trpc(office, 'portalTicketSettings.update', { ...restore, create: true, dailyLimit: false })).status).toBe(200);
  try {
    // María opens a ticket from the portal (as its form posts it).
    const phone = await browser.newContext(PHONE);
    const maria = await phone.newPage();
    await signInDemoCustomer(maria);
    const options = (await trpc(maria, 'portal.tickets.options', undefined, 'GET')).body.result.data.json as { categories: { id: string; reasons: string[] }[] };
    const category = options.categories[0]!;
    const description = `Sin internet ${RUN}`;
    const created = await trpc(maria, 'portal.tickets.create', { categoryId: category.id, ...(category.reasons[0] ? { reason: category.reasons[0] } : {}), description });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const ticketId = created.body.result.data.json.id as string;
    const number = created.body.result.data.json.number as number;

    // The office proposes a slot with a note.
    await office.goto(`${DEMO}/tickets/${ticketId}`);
    const card = office.getByTestId('ticket-schedule-card');
    await expect(card).toContainText('Por programar');
    await expect(card).toContainText('Para iniciarlo falta: la visita acordada, un técnico asignado, el costo.');
    await expect(card.getByRole('button', { name: 'Iniciar ticket (enviar la cita al técnico)' })).toBeDisabled();
    await card.getByRole('button', { name: 'Proponer una visita al cliente' }).click();
    const proposal = card.getByRole('form', { name: 'Proponer una visita al cliente' });
    // A day already past is refused on the field.
    await proposal.getByLabel('Día de la visita').fill(dayInBuenosAires(-1));
    await proposal.getByRole('button', { name: 'Enviar la propuesta' }).click();
    await expect(proposal.getByText('Elegí un día y horario que todavía no haya pasado.')).toBeVisible();
    const day = dayInBuenosAires(2);
    await proposal.getByLabel('Día de la visita').fill(day);
    await proposal.getByLabel('Desde').fill('10:00');
    await proposal.getByLabel('Hasta').fill('12:00');
    await proposal.getByLabel('Nota para el cliente').fill('Que haya un adulto <en casa>');
    await proposal.getByRole('button', { name: 'Enviar la propuesta' }).click();
    await expect(card.getByRole('status')).toHaveText('Propuesta enviada al cliente.');
    await expect(card).toContainText('Espera al cliente');
    await expect(card.getByTestId('visit-proposal')).toContainText('10:00–12:00');
    await expect(card.getByTestId('visit-proposal')).toContainText('Que haya un adulto <en casa>');

    // The e-mail, with the link that answers without signing in.
    await expect.poll(async () => (await deliveredEmails()).some((m) => m.body.subject.includes(`#${number}`) && m.body.subject.includes('visita')), { timeout: 30_000 }).toBe(true);
    const mail = (await deliveredEmails()).find((m) => m.body.subject.includes(`#${number}`) && m.body.subject.includes('visita'))!.body;
    expect(mail.to).toEqual(['maria.fernandez@example.com']);
    const link = /(http:\/\/demo\.localhost:\d+\/portal\/visit\/[A-Za-z0-9_.-]+)/.exec(mail.text)?.[1];
    expect(link, mail.text).toBeTruthy();
    const anonymous = await browser.newContext(PHONE);
    const visitor = await anonymous.newPage();
    await visitor.goto(link!);
    const answer = visitor.getByTestId('visit-answer');
    await expect(answer).toContainText('Te proponemos:');
    await expect(answer).toContainText('10:00–12:00');
    await expect(answer).toContainText('Que haya un adulto <en casa>');
    await answer.getByRole('button', { name: 'Aceptar esta visita' }).click();
    await expect(answer.getByRole('status')).toHaveText('¡Listo! La visita quedó acordada.');
    await expect(answer).toContainText('Acordada:');
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await visitor.goto(link!);
    await expect(visitor.getByText('Esta propuesta ya fue respondida o reemplazada por otra.')).toBeVisible();
    await anonymous.close();
    // María sees it agreed in her portal.
    await maria.goto(`${DEMO}/portal/tickets/${ticketId}`);
    await expect(maria.getByTestId('visit-answer')).toContainText('Acordada:');
    await phone.close();

    // The technician is assigned; the app shows the ticket without its appointment until it starts.
    await office.reload();
    await expect(card).toContainText('Acordada');
    const edit = office.getByRole('form', { name: 'Datos del ticket' });
    await edit.getByLabel('Asignado a').selectOption({ label: 'Tomás Técnico' });
    await edit.getByRole('button', { name: 'Guardar' }).click();
    await expect(office.getByText('Asignado a: Tomás Técnico')).toBeVisible();
    await expect(card).toContainText('Para iniciarlo falta: el costo.');
    const { context, tech } = await technicianPhone(browser);
    await tech.goto(`${DEMO}/tech?ticket=${ticketId}`);
    await expect(tech.getByRole('heading', { level: 1 })).toContainText(`#${number} · `);
    await expect(tech.getByRole('tabpanel')).toContainText('Sin visita');
    await expect(tech.getByRole('tabpanel')).not.toContainText('10:00–12:00');

    // The cost, then "start".
    const version = (await trpc(office, 'tickets.get', { id: ticketId }, 'GET')).body.result.data.json.version as number;
    expect((await trpc(office, 'tickets.update', { id: ticketId, version, cost: 2500 })).status).toBe(200);
    await office.reload();
    await expect(card).toContainText('Visita, técnico y costo acordados: podés iniciarlo.');
    await card.getByRole('button', { name: 'Iniciar ticket (enviar la cita al técnico)' }).click();
    await expect(card.getByRole('status')).toHaveText('Ticket iniciado: la cita llegó a la app del técnico.');
    await expect(card).toContainText('el técnico tiene la cita en su app');

    // The app, opened again, has the appointment.
    await tech.reload();
    await expect(tech.getByRole('status').filter({ hasText: 'Todo sincronizado' })).toBeVisible();
    await expect(tech.getByRole('tabpanel')).toContainText('10:00–12:00');
    await context.close();

    // The grid's "Intervención" column (shown through the column preference) says it is agreed.
    const prefs = await trpc(office, 'preferences.get', { key: 'tickets.hiddenColumns' }, 'GET');
    const hidden = prefs.body.result.data.json as string[];
    expect((await trpc(office, 'preferences.set', { key: 'tickets.hiddenColumns', value: hidden.filter((c) => c !== 'intervention') })).status).toBe(200);
    try {
      await office.goto(`${DEMO}/tickets?q=${encodeURIComponent(description)}`);
      // The search finds this run's ticket only (its description).
      const row = office.getByRole('row').filter({ hasText: `#${number}` });
      await expect(row.getByTestId('grid-intervention')).toHaveText('Acordada');
    } finally {
      await trpc(office, 'preferences.set', { key: 'tickets.hiddenColumns', value: hidden });
    }
  } finally {
    await trpc(office, 'portalTicketSettings.update', restore);
  }
});
