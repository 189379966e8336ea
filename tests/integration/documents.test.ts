// G11: a ticket's documents — the four visibilities (Globale / Azienda / Tecnico / Cliente) for the
// office, the technician, the customer in the portal and the /api/files routes; a PDF's page converted
// to PNG with mupdf (a real multi-page PDF drawn here; a page beyond the last, a corrupt and an
// encrypted PDF refused); a new version of an image never overwrites its source; the customer's
// signature on completion (allowed / wrong role / another tenant / too large) and in the ticket's PDF.
import { randomUUID } from 'node:crypto';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { translateError } from '@/i18n/catalog';
import { scopedDb } from '@/server/data/scoped';
import { PDF_WORKER_IDLE_MS, pdfRendererRunning, renderPdfPage } from '@/server/services/tickets/documents';
import { asCustomer, createCustomer, rejects, type StaffOfEveryRole, type TestSession, type TestTenant, twoTenantsWithStaff } from '../factories';
import { sessionCookie } from '../factories/http';
import { pdfText } from '../factories/pdf-text';

const { POST } = await import('@/app/api/tickets/[id]/files/route');
const { GET } = await import('@/app/api/files/[id]/route');
const { GET: PORTAL_GET } = await import('@/app/api/portal/files/[id]/route');
const { GET: TICKET_PDF } = await import('@/app/api/tickets/[id]/pdf/route');

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
beforeAll(async () => ({ a, b, A, B } = await twoTenantsWithStaff()));

const staff = (tenant: TestTenant, ids: StaffOfEveryRole, role: keyof StaffOfEveryRole['ids']): TestSession => ({ kind: 'staff', userId: ids.ids[role], tenantId: tenant.id });

/** A PDF of `pages` pages, each saying its number; `userPassword` encrypts it. */
export async function makePdf(pages: number, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const doc = new PDFDocument({ autoFirstPage: false, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  for (let i = 1; i <= pages; i++) {
    doc.addPage({ size: 'A4' });
    doc.fontSize(48).text(`Página ${i}`, 72, 72);
    doc.rect(72, 200, 200 + i * 10, 100).fill(i % 2 ? '#1d4ed8' : '#dc2626');
  }
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

async function upload(tenant: TestTenant, claims: TestSession, ticketId: string, file: { name: string; bytes: Uint8Array<ArrayBuffer> }, fields: Record<string, string> = {}) {
  const data = new FormData();
  data.append('file', new Blob([file.bytes]), file.name);
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  const req = new Request(`http://${tenant.host}/api/tickets/${ticketId}/files`, { method: 'POST', headers: { host: tenant.host, cookie: (await sessionCookie(claims))! }, body: data });
  const res = await POST(req, { params: Promise.resolve({ id: ticketId }) });
  return { status: res.status, json: await res.json() };
}

async function download(tenant: TestTenant, claims: TestSession, fileId: string, portal = false, variant = '') {
  const req = new Request(`http://${tenant.host}/api/${portal ? 'portal/' : ''}files/${fileId}${variant ? `?variant=${variant}` : ''}`, { headers: { host: tenant.host, cookie: (await sessionCookie(claims))! } });
  const res = await (portal ? PORTAL_GET : GET)(req, { params: Promise.resolve({ id: fileId }) });
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function ticketWithCustomer(tenant = a, S = A) {
  const customer = await createCustomer(tenant, { name: 'Rosa Medina' });
  const t = await S.OPERATOR.tickets.create({ customerId: customer.id, title: 'Instalación con documentos', description: 'x', assigneeId: S.ids.TECHNICIAN });
  return { customer, ticket: t };
}

const png = async (color = '#16a34a') => new Uint8Array(await sharp({ create: { width: 60, height: 40, channels: 3, background: color } }).png().toBuffer());

describe('the four visibilities', () => {
  it('office sees all four; the technician Globale and Tecnico; the customer Globale and Cliente — in lists, the portal and the file routes', async () => {
    const { customer, ticket } = await ticketWithCustomer();
    const ids: Record<string, string> = {};
    for (const v of ['PUBLIC', 'STAFF', 'TECHNICIAN', 'CUSTOMER']) {
      const res = await upload(a, staff(a, A, 'OPERATOR'), ticket.id, { name: `${v.toLowerCase()}.png`, bytes: await png() }, { visibility: v });
      expect(res.status).toBe(201);
      expect(res.json.files[0].visibility).toBe(v);
      ids[v] = res.json.files[0].id;
    }
    const names = (files: { name: string }[]) => files.map((f) => f.name).sort();
    expect(names(await A.OPERATOR.tickets.files({ id: ticket.id }))).toEqual(['customer.png', 'public.png', 'staff.png', 'technician.png']);
    expect(names(await A.SUPERVISOR.tickets.files({ id: ticket.id }))).toHaveLength(4);
    expect(names(await A.TECHNICIAN.tickets.files({ id: ticket.id }))).toEqual(['public.png', 'technician.png']);
    expect(names((await A.TECHNICIAN.tech.ticket({ id: ticket.id })).files)).toEqual(['public.png', 'technician.png']);
    const portal = await asCustomer(a, customer.id);
    expect(names((await portal.portal.tickets.get({ id: ticket.id })).files)).toEqual(['customer.png', 'public.png']);
    // The grid's count follows the same rule.
    const row = async (S: typeof A.OPERATOR) => (await S.tickets.list({ tab: 'PENDING', query: String(ticket.number) })).items.find((i) => i.id === ticket.id)!.fileCount;
    expect([await row(A.OPERATOR), await row(A.TECHNICIAN)]).toEqual([4, 2]);

    // The routes: the office everything, the technician not STAFF nor CUSTOMER, the customer (portal route) not STAFF nor TECHNICIAN.
    const customerSession: TestSession = { kind: 'customer', userId: customer.id, tenantId: a.id };
    const expected: Record<string, [number, number, number]> = { PUBLIC: [200, 200, 200], STAFF: [200, 404, 404], TECHNICIAN: [200, 200, 404], CUSTOMER: [200, 404, 200] };
    for (const [v, [office, tech, cust]] of Object.entries(expected)) {
      expect([(await download(a, staff(a, A, 'OPERATOR'), ids[v]!)).status, (await download(a, staff(a, A, 'TECHNICIAN'), ids[v]!)).status, (await download(a, customerSession, ids[v]!, true)).status], v).toEqual([office, tech, cust]);
    }
    // Another tenant's staff: nothing.
    expect((await download(b, staff(b, B, 'ADMIN'), ids.PUBLIC!)).status).toBe(404);
    await rejects(B.ADMIN.tickets.files({ id: ticket.id }), 'NOT_FOUND');
  });

  it('the customer’s copy of the ticket PDF places Globale and Cliente images, never Tecnico or Azienda ones', async () => {
    const { ticket } = await ticketWithCustomer();
    for (const v of ['PUBLIC', 'CUSTOMER', 'TECHNICIAN', 'STAFF']) expect((await upload(a, staff(a, A, 'OPERATOR'), ticket.id, { name: `${v}.png`, bytes: await png() }, { visibility: v })).status).toBe(201);
    const req = new Request(`http://${a.host}/api/tickets/${ticket.id}/pdf`, { headers: { host: a.host, cookie: (await sessionCookie(staff(a, A, 'OPERATOR')))! } });
    const bytes = Buffer.from(await (await TICKET_PDF(req, { params: Promise.resolve({ id: ticket.id }) })).arrayBuffer());
    expect(bytes.toString('latin1').match(/\/Subtype \/Image/g)?.length).toBe(2);
  });
});

describe('a PDF page as PNG', () => {
  it('converts the chosen page of a real 3-page PDF (first by default) into a new file beside it, with its visibility and its source', async () => {
    const { customer, ticket } = await ticketWithCustomer();
    const up = await upload(a, staff(a, A, 'OPERATOR'), ticket.id, { name: 'acta.pdf', bytes: await makePdf(3) }, { visibility: 'CUSTOMER' });
    expect(up.status).toBe(201);
    const pdf = up.json.files[0];
    const first = await A.OPERATOR.tickets.convertPdfPage({ fileId: pdf.id });
    expect(first).toMatchObject({ name: 'acta-p1.png', sourceFileId: pdf.id, sourcePage: 1, visibility: 'CUSTOMER' });
    const second = await A.OPERATOR.tickets.convertPdfPage({ fileId: pdf.id, page: 2 });
    expect(second).toMatchObject({ name: 'acta-p2.png', sourcePage: 2 });
    // A4 at 144 dpi.
    expect([second.width, second.height]).toEqual([1191, 1684]);
    const got = await download(a, staff(a, A, 'OPERATOR'), second.id);
    expect(got.status).toBe(200);
    const meta = await sharp(got.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1191, 1684]);
    // Page 2's rectangle is red (page 1's blue): the right page was drawn.
    const { data } = await sharp(got.bytes).extract({ left: 200, top: 450, width: 4, height: 4 }).raw().toBuffer({ resolveWithObject: true });
    expect([data[0]! > 200, data[2]! < 80]).toEqual([true, true]);
    // Its preview, as an upload's: a WebP at most 320 pixels a side, the page's proportions.
    const preview = await sharp((await download(a, staff(a, A, 'OPERATOR'), second.id, false, 'thumb')).bytes).metadata();
    expect([preview.format, preview.width, preview.height]).toEqual(['webp', 226, 320]);
    // The original is untouched; both versions listed with their source; the customer sees them (Cliente).
    expect((await download(a, staff(a, A, 'OPERATOR'), pdf.id)).bytes.byteLength).toBe(pdf.size);
    const listed = await A.OPERATOR.tickets.files({ id: ticket.id });
    expect(listed.filter((f) => f.sourceFileId === pdf.id).map((f) => f.sourcePage).sort()).toEqual([1, 2]);
    expect((await (await asCustomer(a, customer.id)).portal.tickets.get({ id: ticket.id })).files.map((f) => f.name).sort()).toEqual(['acta-p1.png', 'acta-p2.png', 'acta.pdf']);
    // The technician does not see a Cliente PDF: for them it does not exist.
    await rejects(A.TECHNICIAN.tickets.convertPdfPage({ fileId: pdf.id }), 'NOT_FOUND');
  });

  it('refuses a page beyond the last, a corrupt PDF, an encrypted PDF and a file that is not a PDF — nothing saved', async () => {
    const { ticket } = await ticketWithCustomer();
    const three = (await upload(a, staff(a, A, 'OPERATOR'), ticket.id, { name: 'tres.pdf', bytes: await makePdf(3) })).json.files[0];
    const beyond = await rejects(A.OPERATOR.tickets.convertPdfPage({ fileId: three.id, page: 4 }), 'BAD_REQUEST');
    expect(JSON.stringify((beyond as { cause?: { fieldErrors?: object } }).cause?.fieldErrors)).toMatch(/page.*3.*4|page.*4.*3/);
    const broken = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\nbasura basura\n%%EOF\n');
    const corrupt = await upload(a, staff(a, A, 'OPERATOR'), ticket.id, { name: 'roto.pdf', bytes: new Uint8Array(broken) });
    expect(corrupt.status).toBe(201);
    const e1 = await rejects(A.OPERATOR.tickets.convertPdfPage({ fileId: corrupt.json.files[0].id }), 'BAD_REQUEST');
    expect(e1.message).toBe('documents.pdfCorrupt');
    const locked = await upload(a, staff(a, A, 'OPERATOR'), ticket.id, { name: 'clave.pdf', bytes: await makePdf(2, { userPassword: 'secreto', ownerPassword: 'dueño' }) });
    expect(locked.status).toBe(201);
    const e2 = await rejects(A.OPERATOR.tickets.convertPdfPage({ fileId: locked.json.files[0].id }), 'BAD_REQUEST');
    expect(e2.message).toBe('documents.pdfEncrypted');
    const image = (await upload(a, staff(a, A, 'OPERATOR'), ticket.id, { name: 'foto.png', bytes: await png() })).json.files[0];
    const e3 = await rejects(A.OPERATOR.tickets.convertPdfPage({ fileId: image.id }), 'BAD_REQUEST');
    expect(e3.message).toBe('documents.notPdf');
    // Each refusal is translated in the three languages.
    for (const locale of ['es', 'en', 'it'] as const) {
      for (const key of ['documents.pdfCorrupt', 'documents.pdfEncrypted', 'documents.notPdf', 'documents.onlyImages', 'documents.signatureNotPng']) expect(translateError(locale, key)).not.toBe(translateError(locale, 'unexpected'));
      expect(translateError(locale, 'documents.pageBeyond', { page: 4, pages: 3 })).toMatch(/4/);
      expect(translateError(locale, 'documents.signatureTooLarge', { max: 200 })).toMatch(/200 KB/);
    }
    expect(await scopedDb(a.id).ticketFile.count({ where: { ticketId: ticket.id, sourceFileId: { not: null } } })).toBe(0);
    // Another tenant's staff: not found.
    await rejects(B.ADMIN.tickets.convertPdfPage({ fileId: three.id }), 'NOT_FOUND');
  });

  it('renders in a worker within its bounds; 20 conversions do not grow the memory; the renderer ends when idle', { timeout: 60_000 }, async () => {
    const bytes = await makePdf(20);
    const page = await renderPdfPage(bytes, 20);
    expect(page.pages).toBe(20);
    expect(Math.max(page.width, page.height)).toBeLessThanOrEqual(2000);
    const before = process.memoryUsage().rss;
    for (let i = 1; i <= 20; i++) await renderPdfPage(bytes, i);
    expect(process.memoryUsage().rss - before).toBeLessThan(80 * 1024 * 1024);
    expect(pdfRendererRunning()).toBe(true);
    await vi.waitFor(() => expect(pdfRendererRunning()).toBe(false), { timeout: PDF_WORKER_IDLE_MS + 5000, interval: 500 });
  });
});

describe('a new version of an image', () => {
  it('is a new file naming its source, with the source’s visibility; the source is never overwritten; only images', async () => {
    const { ticket } = await ticketWithCustomer();
    const photo = (await upload(a, staff(a, A, 'OPERATOR'), ticket.id, { name: 'poste.png', bytes: await png('#2563eb') }, { visibility: 'PUBLIC' })).json.files[0];
    const original = await download(a, staff(a, A, 'TECHNICIAN'), photo.id);
    const edited = await upload(a, staff(a, A, 'TECHNICIAN'), ticket.id, { name: 'poste-anotada.jpg', bytes: new Uint8Array(await sharp(await png('#ef4444')).jpeg().toBuffer()) }, { sourceFileId: photo.id, visibility: 'STAFF' });
    expect(edited.status).toBe(201);
    expect(edited.json.files[0]).toMatchObject({ sourceFileId: photo.id, visibility: 'PUBLIC', name: 'poste-anotada.jpg' });
    expect(edited.json.files[0].id).not.toBe(photo.id);
    expect((await download(a, staff(a, A, 'TECHNICIAN'), photo.id)).bytes).toEqual(original.bytes);
    expect((await A.OPERATOR.tickets.files({ id: ticket.id })).map((f) => f.name).sort()).toEqual(['poste-anotada.jpg', 'poste.png']);

    // A PDF cannot be annotated; nor a file the technician may not see, nor another ticket's.
    const pdf = (await upload(a, staff(a, A, 'OPERATOR'), ticket.id, { name: 'plano.pdf', bytes: await makePdf(1) }, { visibility: 'TECHNICIAN' })).json.files[0];
    const notImage = await upload(a, staff(a, A, 'TECHNICIAN'), ticket.id, { name: 'x.png', bytes: await png() }, { sourceFileId: pdf.id });
    expect(notImage.status).toBe(400);
    expect(JSON.stringify(notImage.json)).toMatch(/imágenes|images/);
    const office = (await upload(a, staff(a, A, 'OPERATOR'), ticket.id, { name: 'interno.png', bytes: await png() }, { visibility: 'STAFF' })).json.files[0];
    expect((await upload(a, staff(a, A, 'TECHNICIAN'), ticket.id, { name: 'x.png', bytes: await png() }, { sourceFileId: office.id })).status).toBe(404);
    const other = await ticketWithCustomer();
    expect((await upload(a, staff(a, A, 'TECHNICIAN'), other.ticket.id, { name: 'x.png', bytes: await png() }, { sourceFileId: photo.id })).status).toBe(404);

    // Removing the source keeps the version, unlinked.
    await A.OPERATOR.tickets.removeFile({ id: photo.id });
    expect((await A.OPERATOR.tickets.files({ id: ticket.id })).find((f) => f.name === 'poste-anotada.jpg')).toMatchObject({ sourceFileId: null });
  });
});

describe('the customer’s signature on completion', () => {
  const signaturePng = async () => (await sharp({ create: { width: 300, height: 100, channels: 4, background: '#ffffff' } }).png().toBuffer()).toString('base64');

  it('the technician saves it from the queue (once per key); the office sees it; the PDF prints the signer on its line', async () => {
    const { ticket } = await ticketWithCustomer();
    const change = { kind: 'signature' as const, key: randomUUID(), ticketId: ticket.id, name: 'Rosa Medina', image: await signaturePng(), signedAt: new Date().toISOString(), latitude: -34.6, longitude: -58.38, accuracy: 12 };
    const first = await A.TECHNICIAN.tech.send(change);
    expect(await A.TECHNICIAN.tech.send(change)).toEqual(first);
    const shown = await A.OPERATOR.tickets.signature({ id: ticket.id });
    expect(shown).toMatchObject({ name: 'Rosa Medina', latitude: -34.6, longitude: -58.38, collectedBy: { id: A.ids.TECHNICIAN } });
    expect(Buffer.from(shown!.png, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect((await A.OPERATOR.tickets.history({ id: ticket.id })).some((h) => h.field === 'signature' && h.newValue === 'Rosa Medina')).toBe(true);

    const req = new Request(`http://${a.host}/api/tickets/${ticket.id}/pdf`, { headers: { host: a.host, cookie: (await sessionCookie(staff(a, A, 'OPERATOR')))! } });
    const text = await pdfText(new Uint8Array(await (await TICKET_PDF(req, { params: Promise.resolve({ id: ticket.id }) })).arrayBuffer()));
    expect(text).toContain('Rosa Medina');
    expect(text).toMatch(/Firma del cliente\s+Aclaración:\s+Rosa Medina\s+Fecha:\s+\d/);
  });

  it('refuses a signature over the limit or not a PNG, a customer or another tenant — nothing saved', async () => {
    const { customer, ticket } = await ticketWithCustomer();
    const base = { kind: 'signature' as const, ticketId: ticket.id, name: 'Rosa', signedAt: new Date().toISOString() };
    // 270 KB of noise as PNG (over 200 KB).
    const noise = await sharp(Buffer.from(Array.from({ length: 300 * 300 * 3 }, () => Math.floor(Math.random() * 256))), { raw: { width: 300, height: 300, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    expect(noise.byteLength).toBeGreaterThan(200 * 1024);
    const big = await rejects(A.TECHNICIAN.tech.send({ ...base, key: randomUUID(), image: noise.toString('base64') }), 'PAYLOAD_TOO_LARGE');
    expect(JSON.stringify((big as { cause?: unknown }).cause)).toContain('"key":"documents.signatureTooLarge","params":{"max":200}');
    await rejects(A.TECHNICIAN.tech.send({ ...base, key: randomUUID(), image: Buffer.from('GIF89a-no-es-png').toString('base64') }), 'BAD_REQUEST');
    await rejects(B.TECHNICIAN.tech.send({ ...base, key: randomUUID(), image: await signaturePng() }), 'NOT_FOUND');
    await rejects(B.ADMIN.tickets.signature({ id: ticket.id }), 'NOT_FOUND');
    const portal = await asCustomer(a, customer.id);
    await rejects((portal as unknown as typeof A.TECHNICIAN).tech.send({ ...base, key: randomUUID(), image: await signaturePng() }), 'FORBIDDEN');
    expect(await A.OPERATOR.tickets.signature({ id: ticket.id })).toBeNull();
  });
});
