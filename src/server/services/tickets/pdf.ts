// C11: a ticket as a PDF — "Previsualizar PDF", "Imprimir" and "Imprimir con comentarios" in the
// office's ticket view (GET /api/tickets/[id]/pdf). Drawn with pdfkit, as the invoices are (A5): the
// tenant's name, the ticket's fields, customer, connection, visit, its history, its images as
// thumbnails and signature lines, in the tenant's language, dates and zone.
//
// Two copies. The customer's (the default) holds only what the customer may read: public comments,
// field changes without billing ones, images marked PUBLIC — never an internal note, never a file or
// its name kept for technicians or the office. The internal copy (`comments`, "con comentarios") adds
// the internal notes, every history entry and the images the caller's role may see, and says on its
// first line that it is not for the customer. The ticket itself is loaded through the caller's scoped
// data access, so a ticket of another tenant, or one a technician may not see, is not found.
import 'server-only';
import sharp from 'sharp';
import { translator } from '@/i18n/catalog';
import { dateTimeFormatter, formatMoney, intlLocale, isLocale, type Locale } from '@/lib/format';
import { formatTaxId } from '@/lib/tax-id';
import { historyText, type HistoryWords } from '@/lib/ticket-history';
import { formatVisit } from '@/lib/visits';
import { drawable, startPdf } from '@/server/files/pdf';
import { fileStore } from '@/server/files/storage';
import { logger } from '@/server/logger';
import type { StaffCaller } from '@/server/services/caller';
import { visibleTo } from './files';
import { getTicket, ticketHistory } from './lifecycle';
import { ticketProducts } from '@/server/services/products/products';

/** At most this many history entries and comments (the newest); the history view reads as many. */
export const TICKET_PDF_HISTORY = 500;
/** At most this many images, as thumbnails (the oldest first: the installation before the repair). */
export const TICKET_PDF_IMAGES = 12;
/** Field changes a customer's copy leaves out: what the ticket costs the ISP and whether it bills it. */
const OFFICE_FIELDS = new Set(['cost', 'price', 'billable']);

export type TicketPdfOptions = { comments: boolean };

type Entry = { at: Date; who: string; text: string; note: boolean };

/** The ticket's PDF for a staff caller; NOT_FOUND for a ticket the caller may not see. */
export async function ticketPdf(caller: StaffCaller, id: string, { comments: internal }: TicketPdfOptions) {
  const ticket = await getTicket(caller, id);
  const [events, rows, files, signature, products] = await Promise.all([
    ticketHistory(caller, id),
    caller.db.ticketComment.findMany({
      where: { ticketId: id, ...(internal ? {} : { public: true }) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: TICKET_PDF_HISTORY,
      select: { public: true, body: true, createdAt: true, author: { select: { name: true } }, customer: { select: { name: true } } },
    }),
    caller.db.ticketFile.findMany({
      where: { ticketId: id, image: true, thumbKey: { not: null }, visibility: { in: internal ? visibleTo(caller.actor.role) : visibleTo('customer') } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: TICKET_PDF_IMAGES + 1,
      select: { storage: true, thumbKey: true },
    }),
    // G11: the customer's signature taken on completion, printed on its line.
    caller.db.ticketSignature.findFirst({ where: { ticketId: id }, select: { name: true, image: true, signedAt: true } }),
    // G8: the products sold or to sell (their amounts only for billing.read, as everywhere).
    ticketProducts(caller, id),
  ]);
  const imageCount = files.length > TICKET_PDF_IMAGES ? await caller.db.ticketFile.count({ where: { ticketId: id, image: true, thumbKey: { not: null }, visibility: { in: internal ? visibleTo(caller.actor.role) : visibleTo('customer') } } }) : files.length;
  const thumbs = (await Promise.all(files.slice(0, TICKET_PDF_IMAGES).map((f) => printableThumb(f.storage, f.thumbKey!)))).filter((b): b is Buffer => b !== null);

  const locale: Locale = isLocale(caller.tenant.locale) ? caller.tenant.locale : 'es';
  const intl = intlLocale(locale, caller.tenant.country);
  const timeZone = caller.tenant.timeZone;
  const tp = translator(locale, 'ticketPdf');
  const tv = translator(locale, 'ticketView') as HistoryWords['tv'];
  const words: HistoryWords = { tv, t: translator(locale, 'tickets'), common: translator(locale, 'common'), enums: translator(locale, 'enums'), intl, timeZone };
  const when = dateTimeFormatter(intl, timeZone);

  // One timeline, oldest first: history entries (comments and notes are printed with their text instead).
  const entries: Entry[] = [
    ...events
      .filter((e) => e.kind !== 'comment' && e.kind !== 'note')
      .filter((e) => internal || e.kind === 'created' || (e.kind === 'field' && !OFFICE_FIELDS.has(e.field ?? '')))
      .map((e) => ({ at: new Date(e.createdAt), who: e.actor?.name ?? '—', text: historyText(e, words), note: false })),
    ...rows.map((c) => ({
      at: c.createdAt,
      who: c.author?.name ?? (c.customer ? tp('byCustomer', { name: c.customer.name }) : '—'),
      text: `${c.public ? tp('publicComment') : tp('internalNote')}: ${c.body}`,
      note: !c.public,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const shown = entries.slice(-TICKET_PDF_HISTORY);

  const title = tp('title', { number: ticket.number });
  const { pdf, done } = startPdf({ title: `${title} · ${ticket.title}`, author: caller.tenant.name });
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const left = pdf.page.margins.left;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const room = (height: number) => {
    if (pdf.y + height > bottom()) pdf.addPage();
  };
  const heading = (text: string) => {
    room(40);
    pdf.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor('#000000').text(drawable(text), left);
    pdf.moveTo(left, pdf.y + 1).lineTo(left + width, pdf.y + 1).lineWidth(0.5).strokeColor('#999999').stroke();
    pdf.moveDown(0.3);
  };
  const line = (label: string, value: string) => {
    pdf.font('Helvetica-Bold').fontSize(10).fillColor('#000000').text(drawable(`${label}: `), left, undefined, { continued: true, width }).font('Helvetica').text(drawable(value));
  };

  pdf.font('Helvetica-Bold').fontSize(18).text(drawable(caller.tenant.name));
  pdf.moveDown(0.2).font('Helvetica').fontSize(14).text(drawable(`${title} · ${ticket.title}`));
  pdf.moveDown(0.2).fontSize(9).fillColor(internal ? '#9a3412' : '#555555').text(drawable(internal ? tp('copyInternal') : tp('copyCustomer')));
  pdf.fillColor('#555555').text(drawable(tp('generated', { when: when(new Date()) })));

  heading(tp('ticket'));
  line(tp('state'), `${ticket.state.name} (${tv(`stage.${ticket.stage}`)})`);
  if (ticket.priority) line(tp('priority'), ticket.priority.name);
  if (ticket.category) line(tp('category'), ticket.category.name);
  if (ticket.area) line(tp('area'), ticket.area.name);
  if (ticket.complexity) line(tp('complexity'), words.t(`complexity.${ticket.complexity}`));
  if (ticket.pqrs) line(tp('pqrs'), words.t(`pqrs.${ticket.pqrs}`));
  line(tp('assignee'), ticket.assignee?.name ?? tp('unassigned'));
  if (ticket.callNumber) line(tp('callNumber'), ticket.callNumber);
  line(tp('opened'), when(ticket.openedAt));
  if (ticket.dueAt) line(tp('due'), when(ticket.dueAt));
  if (ticket.finishedAt) line(tp('finished'), when(ticket.finishedAt));
  if (ticket.closedAt) line(tp('closed'), when(ticket.closedAt));
  if (ticket.description) {
    pdf.moveDown(0.3).font('Helvetica-Bold').fontSize(10).text(drawable(tp('description')), left);
    pdf.font('Helvetica').text(drawable(ticket.description), left, undefined, { width });
  }

  heading(tp('customer'));
  const c = ticket.customer;
  if (c) {
    line(tp('name'), c.name);
    line(tp('code'), c.code);
    if (c.taxId) line(tp('taxId'), formatTaxId(c.taxIdType, c.taxId));
    if (c.emails.length) line(tp('emails'), c.emails.join(', '));
    if (c.phones.length) line(tp('phones'), c.phones.join(', '));
  } else pdf.font('Helvetica').fontSize(10).text(drawable(tp('noCustomer')), left);

  const k = ticket.connection;
  if (k) {
    heading(tp('connection'));
    line(tp('address'), k.address);
    if (k.plan) line(tp('plan'), `${k.plan.name} · ${k.plan.downloadMbps}/${k.plan.uploadMbps} Mbps`);
    if (k.node) line(tp('node'), k.node.name);
    if (k.locality) line(tp('locality'), k.locality.name);
    line(tp('connectionStatus'), tv(`connection.${k.status}`));
  }
  // G7: the site the work is at and the equipment the ticket is about.
  if (ticket.site || ticket.equipment) {
    const te = translator(caller.locale, 'equipment');
    heading(te('infoProducts'));
    if (ticket.site) line(te('ticketSite'), `${ticket.site.label} · ${ticket.site.address}${ticket.site.locality ? `, ${ticket.site.locality}` : ''}`);
    if (ticket.equipment) {
      line(te('ticketEquipment'), `${translator(caller.locale, 'enums')(`equipmentType.${ticket.equipment.type}`)} · ${ticket.equipment.brand} ${ticket.equipment.model}`);
      if (ticket.equipment.serial) line(te('serial'), ticket.equipment.serial);
    }
  }

  heading(tp('visit'));
  pdf.font('Helvetica').fontSize(10).fillColor('#000000').text(drawable(ticket.visitStart && ticket.visitEnd ? formatVisit(ticket.visitStart, ticket.visitEnd, intl, timeZone) : tp('noVisit')), left);

  if (products.lines.length) {
    heading(tp('products'));
    const money = (n: number) => formatMoney(n, caller.tenant.currency, intl);
    for (const l of products.lines) {
      const amount = 'total' in l && typeof l.total === 'number' ? ` · ${money(l.total)}` : '';
      line(`${l.name} (${l.code})`, `× ${l.quantity}${amount} · ${tp(l.sold ? 'productDelivered' : 'productToSell')}`);
    }
    if ('total' in products && typeof products.total === 'number') line(tp('productsTotal'), money(products.total));
  }
  if (ticket.kilometres !== null) line(tp('kilometres'), `${new Intl.NumberFormat(intl, { maximumFractionDigits: 1 }).format(ticket.kilometres)} km`);

  heading(tp('history'));
  if (entries.length > shown.length) pdf.font('Helvetica-Oblique').fontSize(9).fillColor('#555555').text(drawable(tp('historyCut', { count: shown.length })), left);
  if (!shown.length) pdf.font('Helvetica').fontSize(10).text(drawable(tp('noHistory')), left);
  for (const e of shown) {
    room(28);
    pdf.font('Helvetica').fontSize(8).fillColor('#555555').text(drawable(`${when(e.at)} · ${e.who}`), left);
    pdf.font(e.note ? 'Helvetica-Oblique' : 'Helvetica').fontSize(10).fillColor(e.note ? '#9a3412' : '#000000').text(drawable(e.text), left, undefined, { width });
    pdf.moveDown(0.25);
  }

  if (thumbs.length) {
    heading(tp('images'));
    const size = 112;
    const gap = 12;
    const perRow = Math.max(1, Math.floor((width + gap) / (size + gap)));
    let rowTop = pdf.y;
    thumbs.forEach((bytes, i) => {
      if (i % perRow === 0) {
        if (i > 0) pdf.y = rowTop + size + gap;
        room(size);
        rowTop = pdf.y;
      }
      // pdfkit moves its cursor below an image drawn at the cursor: every image of a row is placed at the row's top.
      pdf.image(bytes, left + (i % perRow) * (size + gap), rowTop, { fit: [size, size] });
    });
    pdf.y = rowTop + size + gap;
    pdf.x = left;
    if (imageCount > thumbs.length) pdf.font('Helvetica-Oblique').fontSize(9).fillColor('#555555').text(drawable(tp('moreImages', { count: imageCount - thumbs.length })), left);
  }

  room(150); // the heading and the lines on one page
  heading(tp('signatures'));
  const column = (width - 40) / 2;
  const top = pdf.y + 50;
  for (const [i, label] of [tp('signTechnician'), tp('signCustomer')].entries()) {
    const x = left + i * (column + 40);
    const signed = i === 1 && signature ? signature : null;
    if (signed) {
      try {
        pdf.image(Buffer.from(signed.image), x, top - 48, { fit: [column, 46] });
      } catch (err) {
        logger.error({ err, ticketId: id }, 'a customer signature could not be placed in its PDF');
      }
    }
    pdf.moveTo(x, top).lineTo(x + column, top).lineWidth(0.7).strokeColor('#000000').stroke();
    pdf.font('Helvetica').fontSize(9).fillColor('#000000').text(drawable(label), x, top + 4, { width: column });
    pdf.text(drawable(`${tp('clarification')}: ${signed ? signed.name : '______________________'}`), x, top + 20, { width: column });
    pdf.text(drawable(`${tp('date')}: ${signed ? when(signed.signedAt) : '____ / ____ / ________'}`), x, top + 36, { width: column });
  }
  pdf.end();
  const bytes = await done;
  return { body: bytes, name: `ticket-${ticket.number}.pdf`, mime: 'application/pdf', size: bytes.byteLength };
}

/** A stored WebP preview as a JPEG pdfkit can place; null (and a log line) when it cannot be read. */
async function printableThumb(storage: Parameters<typeof fileStore>[0], key: string): Promise<Buffer | null> {
  try {
    const stream = await fileStore(storage).read(key);
    if (!stream) return null;
    return await sharp(new Uint8Array(await new Response(stream).arrayBuffer())).flatten({ background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer();
  } catch (err) {
    logger.error({ err, key }, 'a ticket image could not be placed in its PDF');
    return null;
  }
}
