// A5: invoice PDFs attached from a zip by file name (POST /api/import/invoice-pdfs, billing.import),
// all or nothing, then served by GET /api/invoices/[id]/pdf; the zip reader against archives made by
// Info-ZIP's `zip` (deflated) and by hand (stored).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { zipEntries, ZipError } from '@/server/files/zip';
import { createCustomer, staffOfEveryRole, twoTenantsWithStaff, type StaffOfEveryRole, type TestSession, type TestTenant } from '../factories';
import { sessionCookie } from '../factories/http';
import { makeZip } from '../factories/zip';

const { POST } = await import('@/app/api/import/invoice-pdfs/route');
const { GET: PDF } = await import('@/app/api/invoices/[id]/pdf/route');

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);

describe('zip reader', () => {
  it('reads what Info-ZIP writes (deflated, in folders) and what is stored', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'antena-zip-'));
    mkdirSync(path.join(dir, 'facturas'));
    const big = pdf('x'.repeat(50_000));
    writeFileSync(path.join(dir, 'facturas', 'Z-1.pdf'), big);
    writeFileSync(path.join(dir, 'Z-2.pdf'), pdf('dos'));
    execFileSync('zip', ['-qr', 'a.zip', 'facturas', 'Z-2.pdf'], { cwd: dir });
    const entries = zipEntries(new Uint8Array(readFileSync(path.join(dir, 'a.zip'))), 1024 * 1024);
    expect(entries.map((e) => e.name).sort()).toEqual(['Z-2.pdf', 'facturas/Z-1.pdf']);
    expect(entries.find((e) => e.name === 'facturas/Z-1.pdf')!.read()).toEqual(big);
    const stored = zipEntries(makeZip([{ name: 'ñandú.pdf', bytes: pdf('s') }]), 1024);
    expect(stored.map((e) => [e.name, e.read()])).toEqual([['ñandú.pdf', pdf('s')]]);
  });

  it('refuses what is not a zip, and an entry over the limit', () => {
    expect(() => zipEntries(pdf('no'), 1024)).toThrow(ZipError);
    const [entry] = zipEntries(makeZip([{ name: 'g.pdf', bytes: new Uint8Array(5000), deflate: true }]), 1000);
    expect(() => entry!.read()).toThrow('tooLarge');
  });
});

let a: TestTenant;
let b: TestTenant;
let A: StaffOfEveryRole;
let B: StaffOfEveryRole;
const session = { current: null as TestSession | null };
afterEach(() => {
  session.current = null;
});

async function send(tenant: TestTenant, zip: Uint8Array<ArrayBuffer>) {
  const data = new FormData();
  data.set('file', new Blob([zip], { type: 'application/zip' }), 'pdfs.zip');
  const req = new Request(`http://${tenant.host}/api/import/invoice-pdfs`, { method: 'POST', headers: { host: tenant.host }, body: data });
  const cookie = await sessionCookie(session.current);
  if (cookie) req.headers.set('cookie', cookie);
  const res = await POST(req);
  return { status: res.status, json: (await res.json()) as { ok: boolean; attached: { file: string; number: string }[]; problems: { file: string | null; message: string }[] } };
}

async function download(tenant: TestTenant, id: string) {
  const req = new Request(`http://${tenant.host}/api/invoices/${id}/pdf`, { headers: { host: tenant.host } });
  const cookie = await sessionCookie(session.current);
  if (cookie) req.headers.set('cookie', cookie);
  return PDF(req, { params: Promise.resolve({ id }) });
}

describe('POST /api/import/invoice-pdfs', () => {
  let invoices: Record<string, string>;
  beforeAll(async () => {
    ({ a, b, A, B } = await twoTenantsWithStaff());
    void staffOfEveryRole;
    const customer = await createCustomer(a);
    const db = scopedDb(a.id);
    invoices = {};
    for (const number of ['P-1', 'P-2']) {
      const row = await db.invoice.create({ data: { tenantId: a.id, customerId: customer.id, number, type: 'B', issuedOn: new Date('2026-11-01'), dueOn: new Date('2026-11-10'), total: 100, balance: 100, status: 'UNPAID' } });
      invoices[number] = row.id;
    }
  });

  it('attaches nothing when one entry names no invoice or is not a PDF; then attaches all, by name', async () => {
    session.current = { kind: 'staff', userId: A.ids.SUPERVISOR, tenantId: a.id };
    const bad = await send(a, makeZip([{ name: 'P-1.pdf', bytes: pdf('uno') }, { name: 'P-404.pdf', bytes: pdf('x') }, { name: 'P-2.pdf', bytes: new TextEncoder().encode('<html>no</html>') }]));
    expect(bad.status).toBe(400);
    expect(bad.json.problems).toEqual([
      { file: 'P-404.pdf', message: 'No hay ninguna factura con el número «P-404».' },
      { file: 'P-2.pdf', message: 'No es un PDF.' },
    ]);
    expect(await scopedDb(a.id).invoice.count({ where: { pdfKey: { not: null } } })).toBe(0);

    const good = await send(a, makeZip([{ name: 'facturas/P-1.pdf', bytes: pdf('uno'), deflate: true }, { name: 'P-2.PDF', bytes: pdf('dos') }]));
    expect(good.status).toBe(200);
    expect(good.json.attached.map((x) => x.number)).toEqual(['P-1', 'P-2']);
    const res = await download(a, invoices['P-1']!);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf('uno'));
    // A new PDF replaces the old one.
    expect((await send(a, makeZip([{ name: 'P-1.pdf', bytes: pdf('uno bis') }]))).status).toBe(200);
    expect(new Uint8Array(await (await download(a, invoices['P-1']!)).arrayBuffer())).toEqual(pdf('uno bis'));
  });

  it('is refused to roles without billing.import and to other tenants', async () => {
    const zip = makeZip([{ name: 'P-2.pdf', bytes: pdf('ajeno') }]);
    for (const role of ['OPERATOR', 'TECHNICIAN'] as const) {
      session.current = { kind: 'staff', userId: A.ids[role], tenantId: a.id };
      expect((await send(a, zip)).status).toBe(403);
    }
    session.current = { kind: 'staff', userId: B.ids.ADMIN, tenantId: b.id };
    const other = await send(b, zip);
    expect(other.json.problems.map((p) => p.message)).toEqual(['No hay ninguna factura con el número «P-2».']);
    expect((await download(b, invoices['P-2']!)).status).toBe(404);
    session.current = { kind: 'staff', userId: A.ids.OPERATOR, tenantId: a.id };
    expect(new Uint8Array(await (await download(a, invoices['P-2']!)).arrayBuffer())).toEqual(pdf('dos'));
  });
});
