// C8: files and images on tickets, through the real routes (POST /api/tickets/[id]/files and
// GET /api/files/[id]) with Auth.js session cookies, against PostgreSQL and the local file store:
// type from the bytes, lying names refused, EXIF GPS removed, size limit, all-or-nothing,
// visibility per role, counts in the grid, history and outbox, tenancy.
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { env } from '@/env';
import type { Role } from '@/lib/permissions';
import { createCustomer, rejects, type StaffOfEveryRole, type TestSession as SessionClaims, type TestTenant, twoTenantsWithStaff } from '../factories';
import { sessionCookie } from '../factories/http';

const { POST } = await import('@/app/api/tickets/[id]/files/route');
const { GET } = await import('@/app/api/files/[id]/route');

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
beforeAll(async () => ({ a, b, A, B } = await twoTenantsWithStaff()));

const staff = (tenant: TestTenant, ids: StaffOfEveryRole, role: Role): SessionClaims => ({ kind: 'staff', userId: ids.ids[role], tenantId: tenant.id });

/** A phone photo: 64×48 stored sideways (EXIF orientation 6), with GPS coordinates in its EXIF. */
async function phonePhoto(): Promise<Uint8Array<ArrayBuffer>> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c03030' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'Antena' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '34/1 36/1 1234/100', GPSLongitudeRef: 'W', GPSLongitude: '58/1 22/1 0/1' } })
    .toBuffer();
  return new Uint8Array(jpeg);
}
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EXE = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, ...new Array(200).fill(0)]);

function form(files: { name: string; bytes: Uint8Array<ArrayBuffer>; type?: string }[], fields: Record<string, string> = {}) {
  const data = new FormData();
  for (const f of files) data.append('file', new Blob([f.bytes], { type: f.type ?? '' }), f.name);
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function upload(tenant: TestTenant, claims: SessionClaims | null, ticketId: string, body: BodyInit, headers: Record<string, string> = {}) {
  const req = new Request(`http://${tenant.host}/api/tickets/${ticketId}/files`, {
    method: 'POST',
    headers: { host: tenant.host, ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const cookie = await sessionCookie(claims);
  if (cookie) req.headers.set('cookie', [req.headers.get('cookie'), cookie].filter(Boolean).join('; '));
  const res = await POST(req, { params: Promise.resolve({ id: ticketId }) });
  return { status: res.status, json: await res.json() };
}

async function download(tenant: TestTenant, claims: SessionClaims | null, fileId: string, query = '') {
  const req = new Request(`http://${tenant.host}/api/files/${fileId}${query}`, { headers: { host: tenant.host } });
  const cookie = await sessionCookie(claims);
  if (cookie) req.headers.set('cookie', cookie);
  const res = await GET(req, { params: Promise.resolve({ id: fileId }) });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function newTicket(title = 'Con archivos') {
  const customer = await createCustomer(a);
  // Assigned to the technician, who works it (a technician sees only the tickets assigned to them).
  return A.OPERATOR.tickets.create({ customerId: customer.id, title, description: 'Fotos de la instalación', assigneeId: A.ids.TECHNICIAN });
}

/** Everything a refused upload could have left behind. */
async function traces(ticketId: string) {
  const db = scopedDb(a.id);
  const dir = path.join(env().FILES_DIR!, a.id);
  let stored = 0;
  try {
    stored = readdirSync(dir).length;
  } catch {
    stored = 0;
  }
  return {
    files: await db.ticketFile.count({ where: { ticketId } }),
    comments: await db.ticketComment.count({ where: { ticketId } }),
    events: await db.ticketEvent.count({ where: { ticketId } }),
    outbox: await db.outboxEvent.count({ where: { payload: { path: ['ticketId'], equals: ticketId } } }),
    stored,
  };
}

describe('uploading', () => {
  it('stores a phone photo upright and without its EXIF (GPS included), with a preview; serves it only through the route', async () => {
    const t = await newTicket();
    const photo = await phonePhoto();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const res = await upload(a, staff(a, A, 'OPERATOR'), t.id, form([{ name: 'C:\\fotos\\poste.JPG', bytes: photo, type: 'image/jpeg' }]));
    expect(res.status).toBe(201);
    const [file] = res.json.files;
    expect(file).toMatchObject({ name: 'poste.JPG', mime: 'image/jpeg', image: true, width: 48, height: 64, visibility: 'TECHNICIAN', commentId: null });

    const got = await download(a, staff(a, A, 'TECHNICIAN'), file.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toContain('inline');
    const meta = await sharp(got.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(Buffer.from(got.bytes).includes(Buffer.from('Antena'))).toBe(false);
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([48, 64, 1]);

    const thumb = await download(a, staff(a, A, 'OPERATOR'), file.id, '?variant=thumb');
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(thumb.bytes).metadata()).format).toBe('webp');

    // Listed, counted in the grid, in the history; kept for staff (no customer event).
    expect((await A.TECHNICIAN.tickets.files({ id: t.id })).map((f) => f.id)).toEqual([file.id]);
    const row = (await A.OPERATOR.tickets.list({ tab: 'PENDING', query: String(t.number) })).items.find((i) => i.id === t.id);
    expect(row).toMatchObject({ fileCount: 1, imageCount: 1, commentCount: 0 });
    expect((await A.OPERATOR.tickets.history({ id: t.id })).find((h) => h.kind === 'file')).toMatchObject({ field: 'file', newValue: 'poste.JPG' });
    expect((await traces(t.id)).outbox).toBe(2); // ticket.created and ticket.assigned only: a technician's file tells no customer
  });

  it('a comment with its files is saved together: public → everyone sees them and the customer is told; internal → office only, no event', async () => {
    const t = await newTicket();
    const pub = await upload(a, staff(a, A, 'TECHNICIAN'), t.id, form([{ name: 'acta.pdf', bytes: PDF }], { comment: 'Adjunto el acta firmada.', public: 'true' }));
    expect(pub.status).toBe(201);
    expect(pub.json.files[0]).toMatchObject({ visibility: 'PUBLIC', mime: 'application/pdf', image: false, commentId: pub.json.commentId });
    const note = await upload(a, staff(a, A, 'OPERATOR'), t.id, form([{ name: 'deuda.txt', bytes: new TextEncoder().encode('Debe 3 facturas — no enviar al cliente') }], { comment: 'Ojo con la deuda', public: 'false' }));
    expect(note.status).toBe(201);
    expect(note.json.files[0]).toMatchObject({ visibility: 'STAFF', mime: 'text/plain' });

    const comments = await A.OPERATOR.tickets.comments({ id: t.id });
    expect(comments.map((c) => [c.public, c.body])).toEqual([
      [true, 'Adjunto el acta firmada.'],
      [false, 'Ojo con la deuda'],
    ]);
    const outbox = await scopedDb(a.id).outboxEvent.findMany({ where: { payload: { path: ['ticketId'], equals: t.id } }, select: { type: true, payload: true } });
    expect(outbox.map((e) => e.type).sort()).toEqual(['ticket.assigned', 'ticket.commented', 'ticket.created']);
    expect(outbox.find((e) => e.type === 'ticket.commented')!.payload).toMatchObject({ commentId: pub.json.commentId, fileIds: [pub.json.files[0].id] });

    // The technician sees the public file, not the office's; fetching it directly is a 404.
    expect((await A.TECHNICIAN.tickets.files({ id: t.id })).map((f) => f.name)).toEqual(['acta.pdf']);
    expect((await A.SUPERVISOR.tickets.files({ id: t.id })).map((f) => f.name).sort()).toEqual(['acta.pdf', 'deuda.txt']);
    expect((await download(a, staff(a, A, 'TECHNICIAN'), note.json.files[0].id)).status).toBe(404);
    const pdf = await download(a, staff(a, A, 'OPERATOR'), pub.json.files[0].id, '?download=1');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="acta.pdf"/);
    expect(Buffer.from(pdf.bytes).equals(Buffer.from(PDF))).toBe(true);
  });

  it('refuses files that lie about their type, are not accepted, or are broken — with a field error each, and keeps nothing of the request', async () => {
    const t = await newTicket();
    const before = await traces(t.id);
    const res = await upload(
      a,
      staff(a, A, 'OPERATOR'),
      t.id,
      form(
        [
          { name: 'foto.jpg', bytes: PDF, type: 'image/jpeg' },
          { name: 'bien.png', bytes: new Uint8Array(await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer()) },
          { name: 'factura.pdf', bytes: EXE },
          { name: 'roto.jpg', bytes: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Array(64).fill(7)]) },
          { name: 'notas.txt', bytes: Uint8Array.from([0x00, 0xff, 0xfe, 0x10]) },
        ],
        { comment: 'No debería quedar', public: 'true' },
      ),
      { cookie: 'NEXT_LOCALE=en' },
    );
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('Please check the highlighted fields.');
    expect(res.json.error.fieldErrors).toEqual({
      'files.0': '“foto.jpg” claims to be another kind of file: its content is PDF. Rename it with the right extension.',
      'files.2': '“factura.pdf” (EXE) is not an accepted type of file. Images (JPG, PNG, WebP, GIF), PDF, Office documents and text are accepted.',
      'files.3': '“roto.jpg” is not a valid image or is damaged.',
      'files.4': '“notas.txt” claims to be another kind of file: its content is TXT. Rename it with the right extension.',
    });
    expect(await traces(t.id)).toEqual(before);

    const none = await upload(a, staff(a, A, 'OPERATOR'), t.id, form([], { visibility: 'PUBLIC' }));
    expect(none.json.error.fieldErrors).toEqual({ files: 'Elegí al menos un archivo.' });
    const badVisibility = await upload(a, staff(a, A, 'OPERATOR'), t.id, form([{ name: 'a.pdf', bytes: PDF }], { visibility: 'EVERYONE' }));
    expect(badVisibility.status).toBe(400);
    expect(Object.keys(badVisibility.json.error.fieldErrors)).toEqual(['visibility']);
    expect(await traces(t.id)).toEqual(before);
  });

  it('answers a 200 MB upload with a translated 413 before reading it, and a streamed one once it passes the limit', async () => {
    const t = await newTicket();
    const before = await traces(t.id);
    const declared = await upload(a, staff(a, A, 'OPERATOR'), t.id, 'x', { 'content-length': String(200 * 1024 * 1024), 'content-type': 'multipart/form-data; boundary=x' });
    expect(declared.status).toBe(413);
    expect(declared.json.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: `Los archivos superan el límite de ${env().MAX_UPLOAD_MB} MB por envío.` });
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < env().MAX_UPLOAD_MB + 5) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await upload(a, staff(a, A, 'OPERATOR'), t.id, stream, { 'content-type': 'multipart/form-data; boundary=x' });
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(env().MAX_UPLOAD_MB + 5);
    expect(await traces(t.id)).toEqual(before);
  });
});

describe('who may', () => {
  it('another tenant, no session and a customer get nothing; removing is for the office and keeps the name in the history', async () => {
    const t = await newTicket();
    const up = await upload(a, staff(a, A, 'OPERATOR'), t.id, form([{ name: 'plano.pdf', bytes: PDF }], { visibility: 'PUBLIC' }));
    const fileId: string = up.json.files[0].id;

    // Tenant B's admin on B's host: A's ticket and file do not exist.
    expect((await upload(b, staff(b, B, 'ADMIN'), t.id, form([{ name: 'x.pdf', bytes: PDF }]))).status).toBe(404);
    expect((await download(b, staff(b, B, 'ADMIN'), fileId)).status).toBe(404);
    await rejects(B.ADMIN.tickets.files({ id: t.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.tickets.removeFile({ id: fileId }), 'NOT_FOUND');
    // B's session presented on A's host, or none: not signed in here.
    expect((await download(a, staff(b, B, 'ADMIN'), fileId)).status).toBe(401);
    expect((await download(a, null, fileId)).status).toBe(401);
    expect((await upload(a, null, t.id, form([{ name: 'x.pdf', bytes: PDF }]))).status).toBe(401);
    // A customer session is not staff.
    const customer = await createCustomer(a, { portalPassword: true });
    const asCustomer: SessionClaims = { kind: 'customer', userId: customer.id, tenantId: a.id };
    expect((await download(a, asCustomer, fileId)).status).toBe(403);
    expect((await upload(a, asCustomer, t.id, form([{ name: 'x.pdf', bytes: PDF }]))).status).toBe(403);
    expect((await download(a, staff(a, A, 'OPERATOR'), 'not-a-uuid')).status).toBe(404);

    // Technicians may attach but not remove.
    await rejects(A.TECHNICIAN.tickets.removeFile({ id: fileId }), 'FORBIDDEN');
    const stored = readdirSync(path.join(env().FILES_DIR!, a.id)).filter((f) => f.startsWith(fileId));
    expect(stored).toEqual([fileId]);
    await A.OPERATOR.tickets.removeFile({ id: fileId });
    expect(readdirSync(path.join(env().FILES_DIR!, a.id)).filter((f) => f.startsWith(fileId))).toEqual([]);
    expect(await A.OPERATOR.tickets.files({ id: t.id })).toEqual([]);
    expect((await download(a, staff(a, A, 'OPERATOR'), fileId)).status).toBe(404);
    expect((await A.OPERATOR.tickets.history({ id: t.id })).find((h) => h.field === 'fileRemoved')).toMatchObject({ kind: 'file', oldValue: 'plano.pdf' });
  });
});

describe('names and the disk (issue 15)', () => {
  it('a name carrying a right-to-left override or other invisible characters is stored, listed and served without them', async () => {
    const t = await newTicket();
    // "\u202Egnp.txt" shows as "txt.png" — a text file passing for an image.
    const text = new TextEncoder().encode('no es una imagen');
    const res = await upload(a, staff(a, A, 'OPERATOR'), t.id, form([
      { name: '\u202Egnp.txt', bytes: text },
      { name: 'acta\u200B\u2066final\u2069\u200F\u061C\uFEFF.txt', bytes: text },
    ], { visibility: 'PUBLIC' }));
    expect(res.status).toBe(201);
    expect(res.json.files.map((f: { name: string }) => f.name).sort()).toEqual(['actafinal.txt', 'gnp.txt']);
    expect((await A.OPERATOR.tickets.files({ id: t.id })).map((f) => f.name).sort()).toEqual(['actafinal.txt', 'gnp.txt']);
    expect((await A.OPERATOR.tickets.history({ id: t.id })).filter((h) => h.kind === 'file').map((h) => h.newValue).sort()).toEqual(['actafinal.txt', 'gnp.txt']);
    const rlo = res.json.files.find((f: { name: string }) => f.name === 'gnp.txt');
    const got = await download(a, staff(a, A, 'OPERATOR'), rlo.id, '?download=1');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="gnp.txt"; filename*=UTF-8''gnp.txt`);
  });

  it('stores files 0600 in folders of 0700 even under a umask of 0, narrows a folder left 0755, and still serves older 0644 files', async () => {
    const t = await newTicket();
    const folderA = path.join(env().FILES_DIR!, a.id);
    mkdirSync(folderA, { recursive: true });
    chmodSync(folderA, 0o755);
    const customerB = await createCustomer(b);
    const tb = await B.OPERATOR.tickets.create({ customerId: customerB.id, title: 'Primer archivo de B', description: 'Su carpeta aún no existe' });
    const folderB = path.join(env().FILES_DIR!, b.id);
    expect(existsSync(folderB)).toBe(false);

    const umask = process.umask(0);
    let ra, rb;
    try {
      ra = await upload(a, staff(a, A, 'OPERATOR'), t.id, form([{ name: 'poste.jpg', bytes: await phonePhoto() }]));
      rb = await upload(b, staff(b, B, 'OPERATOR'), tb.id, form([{ name: 'acta.pdf', bytes: PDF }]));
    } finally {
      process.umask(umask);
    }
    expect([ra.status, rb.status]).toEqual([201, 201]);
    const mode = (file: string) => statSync(file).mode & 0o777;
    const photo = ra.json.files[0].id as string;
    expect(mode(path.join(folderA, photo))).toBe(0o600);
    expect(mode(path.join(folderA, `${photo}.thumb.webp`))).toBe(0o600);
    expect(mode(folderA)).toBe(0o700);
    expect(mode(path.join(folderB, rb.json.files[0].id))).toBe(0o600);
    expect(mode(folderB)).toBe(0o700);
    // No partial file is left beside them.
    expect(readdirSync(folderA).filter((f) => f.endsWith('.partial'))).toEqual([]);

    // A file stored before (0644) is served as it always was.
    chmodSync(path.join(folderA, photo), 0o644);
    const got = await download(a, staff(a, A, 'OPERATOR'), photo);
    expect(got.status).toBe(200);
    expect((await sharp(got.bytes).metadata()).format).toBe('jpeg');
  });
});
