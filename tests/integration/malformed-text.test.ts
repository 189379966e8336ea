// Text no database or provider takes — a NUL byte, a lone UTF-16 surrogate — in any input is a
// translated 400 naming the field, never a 500. Generated from the root router like the isolation
// sweep: every procedure with a string field gets each bad value in each of its string fields, as
// an admin, a technician and a customer (so on the old code each reached the procedure it may call,
// and PostgreSQL's "invalid byte sequence" or jsonb's "unpaired surrogate" became a 500). Then the
// same through HTTP (status, translated message), and the route handlers that take text.
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { asCustomer, asStaff, createCatalog, createConnection, createCustomer, createTenant, createUser, type TestTenant } from '../factories';
import { httpCall, sessionCookie } from '../factories/http';
import { inputSchema, procedures, sampleInput, textPaths, withValueAt } from '../factories/sweep';

const { POST: uploadFiles } = await import('@/app/api/tickets/[id]/files/route');
const { POST: importCustomers } = await import('@/app/api/import/customers/route');

const BAD = { nul: 'antes\u0000después', loneSurrogate: 'señal \uD83D perdida' } as const;

type Callers = Record<'admin' | 'technician' | 'customer', Awaited<ReturnType<typeof asStaff>>>;
let t: TestTenant;
let callers: Callers;
let ids: Record<string, string>;
let ticketId: string;

beforeAll(async () => {
  t = await createTenant();
  const catalog = await createCatalog(t);
  const customer = await createCustomer(t, { portalPassword: true });
  const connection = await createConnection(t, customer.id);
  const technician = await createUser(t, 'TECHNICIAN');
  const admin = await asStaff(t, t.adminId);
  const ticket = await admin.tickets.create({ customerId: customer.id, connectionId: connection.id, title: 'Sin señal', description: 'No anda', assigneeId: technician.id });
  ticketId = ticket.id;
  const category = await scopedDb(t.id).ticketCategory.findFirstOrThrow({ where: { tenantId: t.id } });
  // Real ids by field name, so a call gets as far as its procedure would with a real form.
  ids = {
    id: ticket.id, ticketId: ticket.id, ticketIds: ticket.id, customerId: customer.id, customerIds: customer.id, connectionId: connection.id,
    planId: catalog.plan.id, nodeId: catalog.node.id, localityId: catalog.locality.id, userId: technician.id, assigneeId: technician.id, categoryId: category.id,
  };
  callers = { admin, technician: await asStaff(t, technician.id), customer: (await asCustomer(t, customer.id)) as Callers['customer'] };
});

const sweep = procedures
  .map(([path, proc]) => ({ path, proc, schema: inputSchema(proc) }))
  .flatMap(({ path, proc, schema }) => (schema ? textPaths(schema).map((field) => ({ path, proc, schema, field })) : []));

describe('malformed text in every procedure’s input', () => {
  it('finds the procedures and fields to sweep', () => {
    expect(new Set(sweep.map((s) => s.path)).size).toBeGreaterThan(40);
    expect(sweep.length).toBeGreaterThan(100);
  });

  it.each(sweep.map((s) => ({ ...s, name: `${s.path} ${s.field.join('.')}` })))('$name: a NUL or a lone surrogate is a 400 naming the field', async ({ path, schema, field }) => {
    const valid = sampleInput(schema, ids, ids.customerId!);
    for (const [what, bad] of Object.entries(BAD)) {
      const input = withValueAt(valid, field, bad);
      for (const [persona, caller] of Object.entries(callers)) {
        const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
        const outcome = await fn(input).then(
          () => ({ status: 200, code: 'OK', fields: {} as Record<string, { key: string }> }),
          (error: { code: string; cause?: { fieldErrors?: Record<string, { key: string }> } }) => ({
            status: getHTTPStatusCodeFromError(error as never),
            code: error.code,
            fields: error.cause?.fieldErrors ?? {},
          }),
        );
        const label = `${path} with ${what} in ${field.join('.')} as ${persona}: ${outcome.code}`;
        expect(outcome.status, label).toBe(400);
        expect(outcome.fields[field.join('.')]?.key, label).toBe('validation.invalidCharacters');
      }
    }
  });
});

describe('over HTTP', () => {
  const admin = () => ({ kind: 'staff' as const, userId: t.adminId, tenantId: t.id });

  it('is a translated 400 with the field’s message, in the caller’s language', async () => {
    const es = await httpCall({ host: t.host, session: admin(), path: 'tickets.comment', input: { ticketId, body: BAD.nul, public: true } });
    expect(es.status).toBe(400);
    expect(es.json.error?.json.message).toBe('Revisá los campos marcados.');
    expect(es.json.error?.json.data.fieldErrors).toEqual({ body: 'Contiene caracteres no admitidos (un carácter nulo o un carácter Unicode incompleto).' });

    const en = await httpCall({ host: t.host, session: admin(), path: 'customers.list', type: 'query', input: { query: BAD.loneSurrogate }, locale: 'en' });
    expect(en.status).toBe(400);
    expect(en.json.error?.json.data.fieldErrors).toEqual({ query: 'Contains characters that are not accepted (a null character or an incomplete Unicode character).' });
    // Nothing was written.
    expect(await scopedDb(t.id).ticketComment.count({ where: { ticketId, body: { contains: 'antes' } } })).toBe(0);
  });

  it('a lone surrogate escaped in JSON (how a browser sends one) is refused too', async () => {
    const res = await httpCall({ host: t.host, session: admin(), path: 'tickets.comment', input: { ticketId, body: '\uDE00 sola', public: false } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json.error?.json.data.fieldErrors ?? {})).toEqual(['body']);
  });
});

describe('route handlers that take text', () => {
  async function upload(fields: Record<string, string>, fileName = 'nota.txt') {
    const form = new FormData();
    form.append('file', new Blob(['texto de prueba\n'], { type: 'text/plain' }), fileName);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const request = new Request(`http://${t.host}/api/tickets/${ticketId}/files`, { method: 'POST', headers: { host: t.host, cookie: (await sessionCookie({ kind: 'staff', userId: t.adminId, tenantId: t.id }))! }, body: form });
    const res = await uploadFiles(request, { params: Promise.resolve({ id: ticketId }) });
    return { status: res.status, json: (await res.json()) as { error?: { fieldErrors?: Record<string, string> } } };
  }

  it('a ticket upload: a file name, a comment or a visibility with a NUL is a 400 naming it; nothing is kept', async () => {
    const name = await upload({}, 'nota\u0000.txt');
    expect(name.status).toBe(400);
    expect(Object.keys(name.json.error?.fieldErrors ?? {})).toEqual(['files.0']);
    const comment = await upload({ comment: BAD.nul, public: 'true' });
    expect(comment.status).toBe(400);
    expect(name.json.error?.fieldErrors?.['files.0']).toBe('Contiene caracteres no admitidos (un carácter nulo o un carácter Unicode incompleto).');
    expect(Object.keys(comment.json.error?.fieldErrors ?? {})).toEqual(['comment']);
    const visibility = await upload({ visibility: 'PUBLIC\u0000' });
    expect(visibility.status).toBe(400);
    expect(await scopedDb(t.id).ticketFile.count({ where: { ticketId } })).toBe(0);
    // The same upload, well formed, is accepted.
    expect((await upload({ comment: 'Adjunto la nota', public: 'true' })).status).toBe(201);
  });

  it('a CSV import with a NUL byte is refused as not a text file, never a 500', async () => {
    const csv = 'codigo;nombre;direccion\nC-1;Ana\u0000;Calle 1\n';
    const request = new Request(`http://${t.host}/api/import/customers?mode=commit`, { method: 'POST', headers: { host: t.host, 'content-type': 'text/csv', cookie: (await sessionCookie({ kind: 'staff', userId: t.adminId, tenantId: t.id }))! }, body: csv });
    const res = await importCustomers(request);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('No es un archivo de texto.');
  });
});
