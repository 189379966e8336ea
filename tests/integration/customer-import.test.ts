// A7: CSV import of customers and connections against PostgreSQL — preview, atomic commit,
// duplicates within the file and against the tenant, encodings, permissions, tenancy, 413, and a
// 50,000-row file. The service is called directly; the route (POST /api/import/customers) is
// called with a Request carrying a real session cookie, encrypted as Auth.js issues it.
import { staffCallerFor } from '@/server/services/caller';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { loadStaffActor } from '@/server/services/auth/actors';
import type { StaffCaller } from '@/server/services/caller';
import { importCustomers, type ImportReport } from '@/server/services/customers/import/import-customers';
import type { Locale } from '@/lib/format';
import { env } from '@/env';
import { createCustomer, createTenant, signedIn, staffOfEveryRole, type TestSession, type TestTenant } from '../factories';
import { importFile } from '../bench/import';
import { sessionCookie } from '../factories/http';

const session = { current: null as TestSession | null };

const { POST } = await import('@/app/api/import/customers/route');

const HEADER = 'codigo;nombre;tipo_documento;documento;emails;telefonos;direccion;localidad;conexion_codigo;conexion_direccion;conexion_localidad;plan;nodo;tipo;latitud;longitud;estado';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 bytes, as Excel saves "CSV" in Spanish locales. */
const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
const csv = (...rows: string[]) => utf8([HEADER, ...rows].join('\r\n') + '\r\n');

let a: TestTenant;
let b: TestTenant;
let A: Awaited<ReturnType<typeof staffOfEveryRole>>;
let B: Awaited<ReturnType<typeof staffOfEveryRole>>;

async function catalog(tenant: TestTenant) {
  const db = scopedDb(tenant.id);
  const [plan, node, lanus, quilmes] = await Promise.all([
    db.plan.create({ data: { tenantId: tenant.id, name: 'Fibra 100', downloadMbps: 100, uploadMbps: 50 } }),
    db.node.create({ data: { tenantId: tenant.id, name: 'Nodo Centro' } }),
    db.locality.create({ data: { tenantId: tenant.id, name: 'Lanús' } }),
    db.locality.create({ data: { tenantId: tenant.id, name: 'Quilmes' } }),
  ]);
  return { plan, node, lanus, quilmes };
}
let catalogA: Awaited<ReturnType<typeof catalog>>;

async function callerFor(tenant: TestTenant, userId: string, locale: Locale = 'es'): Promise<StaffCaller> {
  const actor = await loadStaffActor(tenant.id, await signedIn({ kind: 'staff', userId, tenantId: tenant.id }));
  return staffCallerFor(tenant, actor!, locale);
}

async function counts(tenant: TestTenant) {
  const db = scopedDb(tenant.id);
  return { customers: await db.customer.count(), connections: await db.connection.count() };
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  [A, B] = await Promise.all([staffOfEveryRole(a), staffOfEveryRole(b)]);
  [catalogA] = await Promise.all([catalog(a), catalog(b)]);
});

afterEach(() => {
  session.current = null;
});

describe('importCustomers — preview', () => {
  it('returns counts, the first rows as they will be stored, and translated problems by row and column; writes nothing', async () => {
    const before = await counts(a);
    const file = csv(
      'P-1;Lucía Martínez;DNI;28.456.719;lucia@example.com;+54 11 4253-2001;Mitre 1520;Lanús;PC-1;;;Fibra 100;Nodo Centro;Fibra óptica;-34,72;-58,25;Habilitada',
      'P-2;Ricardo Gómez;CUIT;20-12345678-7;nope;;Zapiola 845;Bernal;PC-2;;;Fibra 1000;;Fibra;95;-58.3;',
    );
    const caller = await callerFor(a, A.ids.ADMIN);
    const report = await importCustomers(caller, file, { mode: 'preview' });
    expect(report).toMatchObject({ mode: 'preview', ok: false, encoding: 'utf-8', encodingFallback: false, delimiter: ';', counts: { rows: 2, customers: 2, connections: 2 }, created: null });
    expect(report.errors).toEqual([
      { row: 3, column: 'localidad', message: 'No hay ninguna localidad llamada «Bernal».' },
      { row: 3, column: 'emails', message: 'Correo electrónico no válido.' },
      { row: 3, column: 'documento', message: 'El número de documento no es válido para el tipo elegido.' },
      { row: 3, column: 'plan', message: 'No hay ningún plan llamado «Fibra 1000».' },
      { row: 3, column: 'latitud', message: 'La latitud debe estar entre -90 y 90.' },
    ]);
    expect(report.errorCount).toBe(5);
    expect(report.sample[0]).toEqual({
      row: 2, code: 'P-1', name: 'Lucía Martínez', taxIdType: 'DNI', taxId: '28.456.719', emails: ['lucia@example.com'], phones: ['+54 11 4253-2001'], address: 'Mitre 1520', locality: 'Lanús',
      connection: { code: 'PC-1', address: 'Mitre 1520', locality: 'Lanús', plan: 'Fibra 100', node: 'Nodo Centro', type: 'FIBER', status: 'ENABLED', latitude: -34.72, longitude: -58.25 },
    });
    expect(await counts(a)).toEqual(before);
  });

  it('says the problems in the requested language', async () => {
    const report = await importCustomers(await callerFor(a, A.ids.ADMIN), csv('E-1;Uno;;;nope;;;;;;;;;;;;'), { mode: 'preview', locale: 'en' });
    expect(report.errors).toEqual([{ row: 2, column: 'emails', message: 'Invalid e-mail address.' }]);
    const it_ = await importCustomers(await callerFor(a, A.ids.ADMIN, 'it'), csv('E-1;Uno;;;nope;;;;;;;;;;;;'), { mode: 'preview' });
    expect(it_.errors[0]!.message).toBe('Indirizzo e-mail non valido.');
  });

  it('names the missing required columns and the unknown ones', async () => {
    const report = await importCustomers(await callerFor(a, A.ids.ADMIN), utf8('Documento;Teléfono;Cumpleaños\n1;2;3\n'), { mode: 'preview' });
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([
      { row: 1, column: null, message: 'Faltan columnas obligatorias: codigo, nombre.' },
      { row: 1, column: null, message: 'Columnas desconocidas: Cumpleaños. Corregí el nombre o borralas (usá la plantilla como guía).' },
    ]);
  });

  it('reports malformed CSV with its row, never a parser message or a stack', async () => {
    const report = await importCustomers(await callerFor(a, A.ids.ADMIN), csv('Q-1;Uno;;;;;;;;;;;;;;;', 'Q-2;"Dos;;;;;;;;;;;;;;;', 'Q-3;Tres;;;;;;;;;;;;;;;'), { mode: 'preview' });
    expect(report.errors).toEqual([{ row: 3, column: null, message: 'Hay comillas que abren un campo y no se cierran. Revisá esta fila.' }]);
    expect(JSON.stringify(report)).not.toMatch(/Quote Not Closed|at .*\.js|node_modules/);
  });

  it('reads a comma-delimited file with a BOM and English headers', async () => {
    const report = await importCustomers(await callerFor(a, A.ids.ADMIN), utf8('\uFEFFcode,name,email,address,plan\r\nEN-1,"Smith, John",john@example.com,Main St 1,fibra 100\r\n'), { mode: 'preview' });
    expect(report).toMatchObject({ ok: true, delimiter: ',', counts: { rows: 1, customers: 1, connections: 1 } });
    expect(report.sample[0]).toMatchObject({ code: 'EN-1', name: 'Smith, John', connection: { address: 'Main St 1', plan: 'Fibra 100' } });
  });
});

describe('importCustomers — commit', () => {
  it('creates the customers and their connections, with codes assigned, search text and references', async () => {
    const before = await counts(a);
    const caller = await callerFor(a, A.ids.SUPERVISOR);
    await createCustomer(a, { code: '5000', taxId: null });
    const file = csv(
      'G-1;José Núñez;CUIT;20-12345678-6;Jose@Example.com|jn@example.com;+54 11 5555-0000;Mitre 123;quilmes;G-C1;;;fibra 100;NODO CENTRO;inalambrica;-34,7;-58,3;bloqueada',
      'G-1;;;;;;;;G-C2;Belgrano 9;Lanus;;;;;;',
      ';Sin Código;DNI;31.222.333;;;Rivadavia 1;;;;;;;;;;',
      ';Otro Sin Código;;;;;;;;;;;;;;;',
    );
    const preview = await importCustomers(caller, file, { mode: 'preview' });
    expect(preview.ok).toBe(true);
    expect(preview.sample.map((r) => r.code)).toEqual(['G-1', 'G-1', '5001', '5002']);
    const report = await importCustomers(caller, file, { mode: 'commit' });
    expect(report).toMatchObject({ mode: 'commit', ok: true, errors: [], created: { customers: 3, connections: 2 } });
    expect(await counts(a)).toEqual({ customers: before.customers + 4, connections: before.connections + 2 });

    const db = scopedDb(a.id);
    const jose = await db.customer.findFirst({ where: { code: 'G-1' }, include: { connections: { orderBy: { code: 'asc' } } } });
    expect(jose).toMatchObject({ name: 'José Núñez', taxIdType: 'CUIT', taxId: '20123456786', emails: ['jose@example.com', 'jn@example.com'], localityId: catalogA.quilmes.id, searchText: 'jose nunez g-1 20123456786 jose@example.com jn@example.com' });
    expect(jose!.connections).toMatchObject([
      { code: 'G-C1', address: 'Mitre 123', planId: catalogA.plan.id, nodeId: catalogA.node.id, type: 'WIRELESS', status: 'BLOCKED', latitude: -34.7, longitude: -58.3, localityId: catalogA.quilmes.id },
      { code: 'G-C2', address: 'Belgrano 9', planId: null, type: 'FIBER', status: 'ENABLED', localityId: catalogA.lanus.id },
    ]);
    expect(await db.customer.findFirst({ where: { code: '5001' } })).toMatchObject({ name: 'Sin Código', taxId: '31222333', taxIdType: 'DNI' });
    expect(await db.customer.findFirst({ where: { code: '5002' } })).toMatchObject({ name: 'Otro Sin Código', taxId: null, taxIdType: null });
    // Timestamps as Prisma writes them (UTC), and ids time-ordered like Prisma's uuid(7).
    for (const row of [jose!, jose!.connections[0]!]) {
      expect(Math.abs(row.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect(row.updatedAt.getTime()).toBe(row.createdAt.getTime());
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('writes nothing when one row of many is invalid', async () => {
    const before = await counts(a);
    const rows = Array.from({ length: 300 }, (_, i) => `B-${i};Cliente ${i};DNI;${40_000_000 + i};;;Calle ${i};;BC-${i};;;;;;;;`);
    rows[250] = 'B-250;Cliente 250;DNI;123;;;Calle 250;;BC-250;;;;;;;;';
    const report = await importCustomers(await callerFor(a, A.ids.ADMIN), csv(...rows), { mode: 'commit' });
    expect(report).toMatchObject({ ok: false, created: null, errorCount: 1, errors: [{ row: 252, column: 'documento' }] });
    expect(await counts(a)).toEqual(before);
  });

  it('refuses codes, tax ids and connection codes the tenant already uses; another tenant’s are fine', async () => {
    const existing = await createCustomer(a, { code: 'DUP-1', taxId: '27111222' });
    await scopedDb(a.id).connection.create({ data: { tenantId: a.id, customerId: existing.id, code: 'DUP-C', address: 'Calle 1' } });
    const file = csv('DUP-1;Nuevo;;;;;;;;;;;;;;;', 'DUP-2;Otro;DNI;27.111.222;;;;;DUP-C;Calle 2;;;;;;;');
    const before = await counts(a);
    const report = await importCustomers(await callerFor(a, A.ids.ADMIN), file, { mode: 'commit' });
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([
      { row: 2, column: 'codigo', message: 'Ya hay un cliente con este código.' },
      { row: 3, column: 'documento', message: 'Ya hay un cliente con este número de documento.' },
      { row: 3, column: 'conexion_codigo', message: 'Ya hay una conexión con este número.' },
    ]);
    expect(await counts(a)).toEqual(before);

    // The same file in tenant B, where none of these exist.
    const inB = await importCustomers(await callerFor(b, B.ids.ADMIN), file, { mode: 'commit' });
    expect(inB).toMatchObject({ ok: true, created: { customers: 2, connections: 1 } });
    expect(await scopedDb(b.id).customer.findFirst({ where: { code: 'DUP-1' } })).toMatchObject({ name: 'Nuevo' });
  });

  it('refuses duplicate codes and tax ids within the file', async () => {
    const report = await importCustomers(await callerFor(a, A.ids.ADMIN), csv('W-1;Uno;DNI;33444555;;;;;;;;;;;;;', 'W-2;Dos;DNI;33.444.555;;;;;;;;;;;;;', 'W-1;Otro Nombre;;;;;;;;;;;;;;;'), { mode: 'commit' });
    expect(report.errors).toEqual([
      { row: 3, column: 'documento', message: 'Repetido: ya aparece en la fila 2.' },
      { row: 4, column: 'nombre', message: 'El cliente W-1 tiene otro valor en la fila 2. Repetí el mismo dato o dejá la celda vacía.' },
    ]);
    expect(await scopedDb(a.id).customer.count({ where: { code: { in: ['W-1', 'W-2'] } } })).toBe(0);
  });

  it('decodes a Latin-1 (windows-1252) file from Excel and says which encoding it used', async () => {
    const file = latin1(`${HEADER}\r\nL-1;Martínez, José;;;;;Avenida Güemes 12;Lanús;;;;;;;;;\r\n`);
    const caller = await callerFor(a, A.ids.ADMIN);
    const preview = await importCustomers(caller, file, { mode: 'preview' });
    expect(preview).toMatchObject({ ok: true, encoding: 'windows-1252', encodingFallback: true });
    expect(preview.sample[0]).toMatchObject({ name: 'Martínez, José', locality: 'Lanús' });
    const forced = await importCustomers(caller, file, { mode: 'preview', encoding: 'utf-8' });
    expect(forced.errors).toEqual([{ row: null, column: null, message: 'El archivo no está en UTF-8. Elegí «Windows-1252» o «Detectar automáticamente» en Codificación.' }]);
    await importCustomers(caller, file, { mode: 'commit', encoding: 'windows-1252' });
    expect(await scopedDb(a.id).customer.findFirst({ where: { code: 'L-1' } })).toMatchObject({ name: 'Martínez, José', address: 'Avenida Güemes 12', localityId: catalogA.lanus.id });
  });

  it('two concurrent commits of one file: one imports it all, the other writes nothing', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `R-${i};Cliente ${i};DNI;${41_000_000 + i};;;Calle ${i};;RC-${i};;;;;;;;`);
    const file = csv(...rows);
    const before = await counts(a);
    const [x, y] = await Promise.all([importCustomers(await callerFor(a, A.ids.ADMIN), file, { mode: 'commit' }), importCustomers(await callerFor(a, A.ids.SUPERVISOR), file, { mode: 'commit' })]);
    expect([x.ok, y.ok].sort()).toEqual([false, true]);
    const loser = x.ok ? y : x;
    expect(loser.created).toBeNull();
    expect(loser.errors.length).toBeGreaterThan(0);
    expect(await counts(a)).toEqual({ customers: before.customers + 500, connections: before.connections + 500 });
  });
});

function request(tenant: TestTenant | { host: string }, query: string, body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Request(`http://${tenant.host}/api/import/customers${query}`, { method: 'POST', headers: { host: tenant.host, ...headers }, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
}

function form(bytes: Uint8Array<ArrayBuffer>, name = 'clientes.csv') {
  const data = new FormData();
  data.set('file', new Blob([bytes], { type: 'text/csv' }), name);
  return data;
}

async function call(req: Request) {
  const cookie = await sessionCookie(session.current);
  if (cookie) req.headers.set('cookie', [req.headers.get('cookie'), cookie].filter(Boolean).join('; '));
  const res = await POST(req);
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as ImportReport & { error?: { message: string; code: string } } };
}

describe('POST /api/import/customers', () => {
  const good = () => csv('H-1;Desde HTTP;;;;;Mitre 1;;H-C1;;;;;;;;');

  it('previews and commits a multipart upload for an admin', async () => {
    session.current = { kind: 'staff', userId: A.ids.ADMIN, tenantId: a.id };
    const preview = await call(request(a, '?mode=preview&encoding=auto', form(good())));
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ mode: 'preview', ok: true, counts: { rows: 1, customers: 1, connections: 1 } });
    const commit = await call(request(a, '?mode=commit', form(good())));
    expect(commit.status).toBe(200);
    expect(commit.json).toMatchObject({ ok: true, created: { customers: 1, connections: 1 } });
    // Again: now the code exists, so the commit is refused with a 400 and the reasons.
    const again = await call(request(a, '?mode=commit', good(), { 'content-type': 'text/csv', cookie: 'NEXT_LOCALE=en' }));
    expect(again.status).toBe(400);
    expect(again.json.errors).toContainEqual({ row: 2, column: 'codigo', message: 'A customer with this code already exists.' });
  });

  it('refuses technicians and operators (no customers.import) with a translated 403, and writes nothing', async () => {
    const before = await counts(a);
    for (const role of ['TECHNICIAN', 'OPERATOR'] as const) {
      session.current = { kind: 'staff', userId: A.ids[role], tenantId: a.id };
      const res = await call(request(a, '?mode=commit', form(csv('T-1;Técnico;;;;;;;;;;;;;;;')), { cookie: 'NEXT_LOCALE=en' }));
      expect(res.status).toBe(403);
      expect(res.json.error).toEqual({ code: 'FORBIDDEN', message: "You don't have permission to do this." });
    }
    expect(await counts(a)).toEqual(before);
  });

  it('refuses a session of tenant B on tenant A’s host, no session, and an unknown host', async () => {
    const before = await counts(a);
    session.current = { kind: 'staff', userId: B.ids.ADMIN, tenantId: b.id };
    const crossTenant = await call(request(a, '?mode=commit', form(csv('X-1;Intruso;;;;;;;;;;;;;;;'))));
    expect(crossTenant.status).toBe(401);
    expect(crossTenant.json.error?.message).toBe('Tenés que iniciar sesión.');
    // B's user id presented as if it were A's: not a user of A.
    session.current = { kind: 'staff', userId: B.ids.ADMIN, tenantId: a.id };
    expect((await call(request(a, '?mode=commit', form(csv('X-1;Intruso;;;;;;;;;;;;;;;'))))).status).toBe(401);
    session.current = null;
    expect((await call(request(a, '?mode=commit', form(csv('X-1;Intruso;;;;;;;;;;;;;;;'))))).status).toBe(401);
    expect((await call(request({ host: 'nadie.localhost:3000' }, '?mode=commit', form(csv('X-1;Intruso;;;;;;;;;;;;;;;'))))).status).toBe(404);
    expect(await counts(a)).toEqual(before);
    expect(await scopedDb(b.id).customer.count({ where: { code: 'X-1' } })).toBe(0);
  });

  it('answers an upload over MAX_UPLOAD_MB with a translated 413, whatever Content-Length says', async () => {
    session.current = { kind: 'staff', userId: A.ids.ADMIN, tenantId: a.id };
    const declared = await call(request(a, '?mode=preview', 'x', { 'content-length': String(500 * 1024 * 1024), cookie: 'NEXT_LOCALE=en' }));
    expect(declared.status).toBe(413);
    const max = env().MAX_UPLOAD_MB;
    expect(declared.json.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: `The file is larger than the ${max} MB limit. Split it into smaller parts.` });
    // A streamed body with no length: refused once it passes the limit.
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < max + 15) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await call(request(a, '?mode=preview', stream, { 'content-type': 'text/csv' }));
    expect(streamed.status).toBe(413);
    expect(streamed.json.error?.message).toBe(`El archivo supera el máximo de ${max} MB. Dividilo en partes más chicas.`);
    expect(sent).toBeLessThan(max + 15);
  });

  it('never answers 500 or leaks a stack for hostile input', async () => {
    session.current = { kind: 'staff', userId: A.ids.ADMIN, tenantId: a.id };
    const random = new Uint8Array(4096);
    for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) % 251;
    const inputs: [string, BodyInit, Record<string, string>][] = [
      ['?mode=commit', random, {}],
      ['?mode=commit', utf8(''), {}],
      ['?mode=commit', utf8('"'), {}],
      ['?mode=commit', utf8('codigo;nombre\n"a;"b"c\n'), {}],
      ['?mode=commit', utf8(`codigo;nombre\n${'x'.repeat(2_000_000)};y\n`), {}],
      ['?mode=commit', utf8(`${HEADER}\n1;${'ñ'.repeat(500)};;;;;;;;;;;;;;;\n`), {}],
      ['?mode=commit', utf8(`${HEADER}\n1;Uno;;;;;;;;;;;;;1e309;1e309;\n`), {}],
      ['?mode=commit', utf8(`${HEADER}\n${'9'.repeat(40)};Uno;;;;;;;;;;;;;;;\n;Dos;;;;;;;;;;;;;;;\n`), {}],
      ['?mode=commit', utf8('codigo,nombre\n1,\u0000\n'), {}],
      ['?mode=commit', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), {}],
      ['?mode=wat&encoding=ebcdic', utf8('codigo;nombre\n'), {}],
      ['?mode=preview', utf8('--x\r\nnot really multipart'), { 'content-type': 'multipart/form-data; boundary=x' }],
      ['?mode=preview', new FormData(), {}],
    ];
    for (const [query, body, headers] of inputs) {
      const res = await call(request(a, query, body, headers));
      expect(res.status, `${query} ${res.text.slice(0, 200)}`).toBeLessThan(500);
      expect(res.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|Error:/);
    }
  });
});

describe('a 50,000-row file', () => {
  // Correctness at size only; time and memory are measured by `npm run bench` (customers.import50k.*).
  it('previews and imports 50,000 rows in one go, all of them', { timeout: 300_000 }, async () => {
    const c = await createTenant();
    await catalog(c);
    const admin = await callerFor(c, c.adminId);
    // 50,000 rows: 40,000 customers, every fifth row a second connection of the customer above it —
    // the same file the benchmark imports over HTTP.
    const file = new Uint8Array(importFile(50_000));

    const preview = await importCustomers(admin, file, { mode: 'preview' });
    const commit = await importCustomers(admin, file, { mode: 'commit' });

    expect(preview).toMatchObject({ ok: true, counts: { rows: 50_000, customers: 40_000, connections: 50_000 } });
    expect(commit).toMatchObject({ ok: true, created: { customers: 40_000, connections: 50_000 } });
    expect(await counts(c)).toEqual({ customers: 40_000, connections: 50_000 });
  });
});
