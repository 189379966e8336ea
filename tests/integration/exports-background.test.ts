// C15: exports above EXPORT_SYNC_MAX_ROWS (lowered to 2 here) go to the background: the route answers
// 202 with the queued export, and a second request of the same kind while it runs answers that one
// (queued, not doubled); the worker writes the file, stores it and e-mails the user (the local
// Resend stand-in) a signed link. The link downloads for that user signed in on that tenant; another
// user, another tenant (its host or its session) is refused; a tampered or expired link is refused
// with a translated answer. "Mis exportaciones" (exports.mine) lists only the caller's own.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { startWorker, type Worker } from '@/server/notifications/worker';
import { type StaffOfEveryRole, type TestSession, type TestTenant, twoTenantsWithStaff, until } from '../factories';
import { sessionCookie } from '../factories/http';
import { useFakeResend } from '../fakes/resend';

const resend = await useFakeResend();
process.env.EXPORT_SYNC_MAX_ROWS = '2';

const { GET: TICKETS } = await import('@/app/api/exports/tickets/route');
const { GET: FILE } = await import('@/app/api/exports/files/[id]/route');
const { signedExportPath } = await import('@/server/services/exports/background');

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let worker: Worker;
const staff = (tenant: TestTenant, ids: StaffOfEveryRole, role: keyof StaffOfEveryRole['ids']): TestSession => ({ kind: 'staff', userId: ids.ids[role], tenantId: tenant.id });

async function request(route: (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>, tenant: TestTenant, claims: TestSession | null, path: string, opts: { id?: string; accept?: string } = {}) {
  const req = new Request(`http://${tenant.host}${path}`, { headers: { host: tenant.host, ...(opts.accept ? { accept: opts.accept } : {}) } });
  const cookie = await sessionCookie(claims);
  if (cookie) req.headers.set('cookie', cookie);
  const res = await route(req, { params: Promise.resolve({ id: opts.id ?? '' }) });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}
const exportTickets = (tenant: TestTenant, claims: TestSession | null, query: string) => request((req) => TICKETS(req), tenant, claims, `/api/exports/tickets?${query}`);
const download = (tenant: TestTenant, claims: TestSession | null, path: string, accept?: string) => request(FILE, tenant, claims, path, { id: path.split('/')[4]!.split('?')[0]!, accept });

beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  for (const title of ['Sin señal', 'Módem quemado', 'Cambio de domicilio']) await A.OPERATOR.tickets.create({ title, description: 'Para exportar' });
});
afterAll(async () => {
  await worker?.stop();
  await resend.close();
});

describe('a large export', () => {
  let id: string;
  let link: string;

  it('is queued (202), and a second one of the same kind while it waits answers the same export', async () => {
    const first = await exportTickets(a, staff(a, A, 'OPERATOR'), 'format=csv&scope=all&columns=number,title');
    expect(first.status).toBe(202);
    const queued = JSON.parse(first.body.toString());
    expect(queued).toMatchObject({ status: 'QUEUED', already: false });
    expect(queued.message).toContain('más de 2 filas');
    id = queued.id;
    const second = await exportTickets(a, staff(a, A, 'OPERATOR'), 'format=xlsx&scope=all&columns=number');
    expect(second.status).toBe(202);
    expect(JSON.parse(second.body.toString())).toMatchObject({ id, already: true });
    expect(await scopedDb(a.id).export.count({ where: { userId: A.ids.OPERATOR } })).toBe(1);
    // Another user's export is their own.
    const admin = JSON.parse((await exportTickets(a, staff(a, A, 'ADMIN'), 'format=csv&scope=all&columns=number')).body.toString());
    expect(admin.id).not.toBe(id);
    expect((await A.OPERATOR.exports.mine()).map((x) => x.id)).toEqual([id]);
  });

  it('is written by the worker and e-mailed with a signed link that downloads for its user', async () => {
    worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 100 });
    const done = await until(async () => {
      const row = await scopedDb(a.id).export.findUnique({ where: { tenantId_id: { tenantId: a.id, id } } });
      return row?.status === 'DONE' ? row : null;
    }, { ms: 20_000 });
    expect(done).toMatchObject({ rows: 3, total: 3, fileKey: `${a.id}/${id}` });
    const email = await until(async () => resend.requests.find((r) => JSON.stringify(r.body).includes(id)) ?? null, { ms: 20_000 });
    const body = email.body as { to: string[]; subject: string; text: string };
    expect(body.subject).toBe('Su exportación de tickets está lista');
    link = body.text.match(/https?:\/\/\S+\/api\/exports\/files\/\S+/)![0];
    const path = new URL(link).pathname + new URL(link).search;
    expect(new URL(link).host).toBe(a.host);
    const res = await download(a, staff(a, A, 'OPERATOR'), path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="tickets-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows: string[][] = parse(res.body.subarray(3).toString('utf8'), { delimiter: ';' });
    expect(rows[0]).toEqual(['Nº', 'Título']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['Cambio de domicilio', 'Módem quemado', 'Sin señal']);
    const mine = await A.OPERATOR.exports.mine();
    expect(mine[0]).toMatchObject({ id, status: 'DONE', rows: 3 });
    expect(mine[0]!.href).toBe(path);
  });

  it('is refused to another user (404), on another tenant (404 for its staff, 401 for A’s session there), and without a session', async () => {
    const path = new URL(link).pathname + new URL(link).search;
    expect((await download(a, staff(a, A, 'ADMIN'), path)).status).toBe(404);
    expect((await download(b, staff(b, B, 'ADMIN'), path)).status).toBe(404);
    expect((await download(b, staff(a, A, 'OPERATOR'), path)).status).toBe(401);
    expect((await download(a, null, path)).status).toBe(401);
    const browser = await download(a, null, path, 'text/html');
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    expect(await B.ADMIN.exports.mine()).toEqual([]);
    expect((await A.ADMIN.exports.mine()).map((x) => x.id)).not.toContain(id);
  });

  it('refuses a tampered link (403) and an expired one (410), translated, as a page for a browser', async () => {
    const url = new URL(link);
    const sig = url.searchParams.get('sig')!;
    url.searchParams.set('sig', `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`);
    const tampered = await download(a, staff(a, A, 'OPERATOR'), url.pathname + url.search);
    expect(tampered.status).toBe(403);
    expect(JSON.parse(tampered.body.toString()).error.message).toContain('no es válido');
    url.searchParams.set('sig', sig);
    url.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 3600));
    expect((await download(a, staff(a, A, 'OPERATOR'), url.pathname + url.search)).status).toBe(403);
    const past = signedExportPath(a.id, A.ids.OPERATOR, id, new Date(Date.now() - 1000));
    const expired = await download(a, staff(a, A, 'OPERATOR'), past, 'text/html');
    expect(expired.status).toBe(410);
    expect(expired.headers.get('content-type')).toContain('text/html');
    expect(expired.body.toString()).toContain('Este enlace de descarga venció');
    // The file's own end counts too.
    await scopedDb(a.id).export.update({ where: { tenantId_id: { tenantId: a.id, id } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await download(a, staff(a, A, 'OPERATOR'), new URL(link).pathname + new URL(link).search)).status).toBe(410);
    expect((await A.OPERATOR.exports.mine())[0]!.href).toBeNull();
  });

  it('is deleted with its file once past its end (the worker’s hourly purge)', async () => {
    const { purgeExpiredExports } = await import('@/server/services/exports/background');
    const { fileStore } = await import('@/server/files/storage');
    expect(await fileStore().read(`${a.id}/${id}`)).not.toBeNull();
    expect(await purgeExpiredExports()).toBeGreaterThanOrEqual(1);
    expect(await scopedDb(a.id).export.findUnique({ where: { tenantId_id: { tenantId: a.id, id } } })).toBeNull();
    expect(await fileStore().read(`${a.id}/${id}`)).toBeNull();
    // The admin's export, not past its end, stays.
    expect(await scopedDb(a.id).export.count({ where: { userId: A.ids.ADMIN } })).toBe(1);
  });
});
