// G11 benchmark (`npm run bench -- --only documents`): a 20-page PDF (drawn here with pdfkit: text
// and shapes on every page) uploaded to a demo ticket, then "Convertir a imagen" over HTTP as the
// office does it (tickets.convertPdfPage: read the PDF from the store, render the page with mupdf's
// WebAssembly build, check the PNG and make its preview, store both, one transaction) — every page in
// turn, several rounds. documents.pdf_page: p50/p95/p99; the server's RSS idle before, at its peak
// and once idle again afterwards (the target: back to idle).
import PDFDocument from 'pdfkit';
import { latency, value, type Entry } from './stats';
import { Session } from './http';

type Options = { port: number; host: string; email: string; password: string; rss: () => number; log: (m: string) => void; rounds?: number };

/** A 20-page A4 PDF: a title, a paragraph and a few shapes per page. */
export async function twentyPagePdf(pages = 20): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  for (let i = 1; i <= pages; i++) {
    doc.addPage({ size: 'A4' });
    doc.fontSize(28).text(`Acta de instalación — página ${i}`, 56, 56);
    doc.fontSize(11).text('Se instaló la ONT, se midió la potencia óptica y se configuró el router del cliente. '.repeat(12), 56, 120, { width: 480 });
    for (let k = 0; k < 8; k++) doc.rect(56 + k * 60, 420 + (k % 3) * 40, 50, 50).fill(k % 2 ? '#1d4ed8' : '#16a34a');
    doc.fillColor('#000000');
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureDocuments({ port, host, email, password, rss, log, rounds = 3 }: Options): Promise<Entry[]> {
  const session = new Session(port, host);
  await session.signInStaff(email, password);
  const page = await session.query<{ items: { id: string }[] }>('tickets.list', { tab: 'PENDING' });
  const ticketId = page.items[0]?.id;
  if (!ticketId) throw new Error('the demo tenant has no pending ticket');
  const pdf = await twentyPagePdf();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'acta-20-paginas.pdf');
  form.set('visibility', 'TECHNICIAN');
  const encoded = new Response(form);
  const res = await session.fetch(`/api/tickets/${ticketId}/files`, { method: 'POST', headers: { 'content-type': encoded.headers.get('content-type')! }, body: Buffer.from(await encoded.arrayBuffer()) });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const fileId = ((await res.json()) as { files: { id: string }[] }).files[0]!.id;
  log(`documents: a ${Math.round(pdf.byteLength / 1024)} KB 20-page PDF on ticket ${ticketId}`);

  await settle(3000);
  const idle = rss();
  let peak = idle;
  const n = 20 * rounds;
  const entry = await latency('documents.pdf_page', n, async (i) => {
    await session.mutate('tickets.convertPdfPage', { fileId, page: (i % 20) + 1 });
    peak = Math.max(peak, rss());
  }, 5);
  // Back to idle: mupdf (and the page's preview) run in a child process that exits 10 s after its
  // last page (PDF_WORKER_IDLE_MS), its memory with it; the PNGs' buffers are garbage once answered.
  // What the server's own heap grew by (its young generation may reach 32 MB semi-spaces,
  // SERVER_NODE_ARGS) goes when V8's memory reducer collects an idle heap: the RSS is sampled every
  // 5 s until it is at or below the idle figure, for up to two minutes.
  const started = performance.now();
  await settle(15_000);
  const after = rss();
  let now = after;
  while (now > idle && performance.now() - started < 120_000) {
    await settle(5_000);
    now = rss();
  }
  const backIn = now <= idle ? (performance.now() - started) / 1000 : Number.NaN;
  log(`documents: rss idle ${idle.toFixed(0)} MB, peak ${peak.toFixed(0)} MB, 15 s after ${after.toFixed(0)} MB, ${Number.isNaN(backIn) ? 'not back to idle in 120 s' : `back to idle (${now.toFixed(0)} MB) ${backIn.toFixed(0)} s after`}`);
  return [
    entry,
    value('documents.rss_idle_mb', idle, 'MB (server tree before the conversions)'),
    value('documents.rss_peak_mb', peak, 'MB (during)'),
    value('documents.rss_after_mb', after, 'MB (15 s after the last conversion)'),
    value('documents.back_to_idle_s', backIn, 's after the last conversion until the RSS is at or below idle (NaN: not within 120 s)'),
  ];
}
