// C10 from the technician's side: the technician app lists what is assigned to them; they may
// finish a ticket, closing is not offered, and a forged close is refused by the server.
import { expect, test } from '@playwright/test';
import { createTicketInUi, DEMO, DEMO_PASSWORD, STAFF, signInStaff } from './helpers';

test('a technician finishes an assigned ticket; closing is not offered and a forged close is refused', async ({ browser }) => {
  const office = await browser.newPage();
  await signInStaff(office, STAFF.operator);
  await createTicketInUi(office, 'Cambio de ONT en Bernal', 'La ONT no enciende.');
  await office.getByLabel('Buscar', { exact: true }).fill('cambio de ont');
  await office.getByRole('link', { name: 'Cambio de ONT en Bernal' }).click();
  const edit = office.getByRole('form', { name: 'Datos del ticket' });
  await edit.getByLabel('Asignado a').selectOption({ label: 'Tomás Técnico' });
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(office.getByText('Asignado a: Tomás Técnico')).toBeVisible();

  const tech = await browser.newPage();
  await signInStaff(tech, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await tech.getByRole('list', { name: 'Mis tickets' }).getByRole('link', { name: /Cambio de ONT en Bernal/ }).click();
  await expect(tech.getByRole('heading', { level: 1 })).toContainText('Cambio de ONT en Bernal');
  const form = tech.getByRole('form', { name: 'Cambiar el estado' });
  const options = await form.getByLabel('Estado').locator('option').allTextContents();
  expect(options).toContain('Resuelto');
  expect(options).not.toContain('Cerrado');

  // A forged close through the same API the app uses: refused, in the technician's language.
  const forged = await tech.evaluate(async (title) => {
    const get = async (path: string, input?: unknown) => {
      const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
      return (await (await fetch(`/api/trpc/${path}${query}`)).json()).result.data.json;
    };
    const config = await get('ticketConfig.get');
    const mine = await get('tickets.mine');
    const ticket = mine.find((x: { title: string }) => x.title === title);
    const full = await get('tickets.get', { id: ticket.id });
    const closedState = config.states.find((s: { stage: string }) => s.stage === 'CLOSED');
    const response = await fetch('/api/trpc/tickets.update', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: { id: ticket.id, version: full.version, stateId: closedState.id } }) });
    return { status: response.status, message: (await response.json()).error.json.message };
  }, 'Cambio de ONT en Bernal');
  expect(forged).toEqual({ status: 403, message: 'No tenés permiso para hacer esto.' });

  await form.getByLabel('Estado').selectOption({ label: 'Resuelto' });
  await form.getByRole('button', { name: 'Guardar' }).click();
  await expect(form.getByRole('status')).toHaveText('Cambios guardados');
  await expect(tech.getByTestId('ticket-state')).toHaveText('Resuelto');

  // The office sees it finished; the operator may close it.
  await office.reload();
  await expect(office.getByTestId('ticket-state')).toHaveText('Resuelto (finalizado)');
});
