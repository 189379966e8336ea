// What the PDFs Antena draws with pdfkit share (the invoice of A5, the ticket of C11): a document
// collected into bytes, and text reduced to what the standard fonts can draw. Every value is written
// as a pdfkit text run: nothing in a user's text is read as markup or as PDF syntax.
import 'server-only';
import PDFDocument from 'pdfkit';

/** What the standard fonts can draw (WinAnsi, roughly Latin-1 and a few signs): arrows as "->", anything else "?". */
export function drawable(text: string): string {
  return text.normalize('NFC').replace(/[→⟶➔]/g, '->').replace(/[^\n\x20-\x7e\xa0-\xff€–—‘’“”…•]/g, '?');
}

/** An A4 document and the promise of its bytes, settled once `pdf.end()` is called. */
export function startPdf(info: { title: string; author: string }): { pdf: PDFKit.PDFDocument; done: Promise<Uint8Array<ArrayBuffer>> } {
  const pdf = new PDFDocument({ size: 'A4', margin: 56, bufferPages: false, info: { Title: drawable(info.title), Author: drawable(info.author), Creator: 'Antena' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  return { pdf, done };
}
