// G11 in the demo tenant: documents with the four visibilities — a link plan (Tecnico) with its first
// page converted to an image, a quote for the customer (Cliente) — and the customer's signature on a
// ticket the technician finished. Made through the same services the app uses.
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { StaffCaller } from '@/server/services/caller';
import { attachFiles } from '@/server/services/tickets/files';
import { convertPdfPage, saveSignature } from '@/server/services/tickets/documents';

async function pdf(title: string, lines: string[], pages: number): Promise<Uint8Array> {
  const doc = new PDFDocument({ autoFirstPage: false, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  for (let i = 1; i <= pages; i++) {
    doc.addPage({ size: 'A4' });
    doc.fontSize(22).text(`${title} (${i}/${pages})`, 56, 56);
    doc.fontSize(12).moveDown();
    for (const line of lines) doc.text(line);
    doc.rect(56, 400, 480, 200).lineWidth(2).stroke('#1d4ed8');
    doc.moveTo(80, 580).lineTo(300, 430).lineTo(510, 560).stroke('#dc2626');
  }
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

const SIGNATURE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="220"><rect width="600" height="220" fill="#fff"/><path d="M40 150 C 80 40, 120 40, 150 140 S 210 200, 250 110 S 320 40, 350 130 C 370 180, 420 90, 460 120 S 540 150, 560 100" stroke="#000" stroke-width="4" fill="none" stroke-linecap="round"/></svg>`;

export async function seedDemoDocuments(operator: StaffCaller, technician: StaffCaller): Promise<void> {
  const { db } = operator;
  const open = await db.ticket.findFirst({ where: { title: 'Antena desalineada por el viento' }, select: { id: true } });
  if (open) {
    const plan = await attachFiles(operator, { ticketId: open.id, visibility: 'TECHNICIAN' }, [
      { name: 'plano-enlace.pdf', bytes: await pdf('Plano del enlace PtP', ['Torre nodo Centro → cliente: 2,3 km, azimut 118°.', 'Antena: 5 GHz, 23 dBi. Señal esperada: −62 dBm.'], 2) },
    ]);
    await convertPdfPage(operator, { fileId: plan.files[0]!.id, page: 1 });
  }
  const finished = await db.ticket.findFirst({ where: { title: 'El Wi-Fi no llega al fondo' }, select: { id: true, customer: { select: { name: true } } } });
  if (finished) {
    await attachFiles(operator, { ticketId: finished.id, visibility: 'CUSTOMER' }, [
      { name: 'presupuesto-repetidor.pdf', bytes: await pdf('Presupuesto: repetidor Wi-Fi', ['Repetidor Wi-Fi 6 y su instalación.', 'Se factura con el próximo resumen.'], 1) },
    ]);
    const image = (await sharp(Buffer.from(SIGNATURE_SVG)).png().toBuffer()).toString('base64');
    await saveSignature(technician, { ticketId: finished.id, name: finished.customer?.name ?? 'Cliente', image, signedAt: new Date(Date.now() - 9 * 86_400_000 + 3 * 3_600_000), latitude: -34.6037, longitude: -58.3816, accuracy: 15 });
  }
}
