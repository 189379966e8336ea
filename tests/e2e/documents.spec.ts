// G11 as the office, the technician and the customer use it: the office uploads a 3-page PDF for the
// customer (Cliente) and converts its page 2 to an image, and keeps an office-only (Azienda) one; the
// portal shows the customer's documents and never the office's or the technicians'; the technician,
// on a phone, annotates an image and the new version reaches the office beside the original; the
// customer signs on the technician's phone and the ticket's PDF names the signer.
import { expect, test, type Page } from '@playwright/test';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { createTicketOnConnection, DEMO, DEMO_PASSWORD, PHONE, STAFF, signInStaff } from './helpers';
import { pdfText } from '../factories/pdf-text';

const RUN = Date.now().toString(36);
const TITLE = `Documentos de la instalación ${RUN}`;

async function threePagePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  for (let i = 1; i <= 3; i++) {
    doc.addPage({ size: 'A4' });
    doc.fontSize(40).text(`Acta página ${i}`, 72, 72);
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
const png = (color: string) => sharp({ create: { width: 320, height: 240, channels: 3, background: color } }).png().toBuffer();

async function uploadFile(page: Page, name: string, mimeType: string, buffer: Buffer, visibility: string) {
  const upload = page.getByRole('form', { name: 'Subir archivos' });
  await upload.getByLabel('Archivos o imágenes').setInputFiles({ name, mimeType, buffer });
  await upload.getByLabel('Quién lo ve').selectOption({ label: visibility });
  await upload.getByRole('button', { name: 'Subir archivos' }).click();
  await expect(upload.getByRole('status')).toHaveText('Se subió 1 archivo.');
}

async function draw(page: Page, testId: string) {
  const box = (await page.getByTestId(testId).boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * (0.2 + i * 0.06), box.y + box.height * (0.5 + (i % 2 ? 0.2 : -0.2)));
  await page.mouse.up();
}

test('documents: Cliente and Azienda visibilities, a PDF page as image, an annotated version from the phone, and the customer’s signature in the PDF', async ({ browser }) => {
  test.setTimeout(240_000);
  const office = await browser.newPage();
  await signInStaff(office, STAFF.operator);
  await office.goto('/tickets');
  await createTicketOnConnection(office, { code: '1001', customer: 'María Fernández (1001)', title: TITLE, description: 'Acta y fotos.' });
  await office.getByLabel('Buscar', { exact: true }).fill(RUN);
  await office.getByRole('link', { name: TITLE }).click();
  await expect(office).toHaveURL(/\/tickets\/[0-9a-f-]{36}/);
  const ticketId = /\/tickets\/([0-9a-f-]{36})/.exec(office.url())![1]!;
  const edit = office.getByRole('form', { name: 'Datos del ticket' });
  await edit.getByLabel('Asignado a').selectOption({ label: 'Tomás Técnico' });
  await edit.getByRole('button', { name: 'Guardar' }).click();
  await expect(office.getByText('Asignado a: Tomás Técnico')).toBeVisible();

  // The office: the four visibilities offered with the seed's names; a PDF for the customer, converted.
  await office.getByRole('tab', { name: 'Archivos' }).click();
  const options = await office.getByRole('form', { name: 'Subir archivos' }).getByLabel('Quién lo ve').locator('option').allTextContents();
  expect(options.map((o) => o.split(':')[0])).toEqual(['Global', 'Empresa', 'Técnico', 'Cliente']);
  await uploadFile(office, 'acta.pdf', 'application/pdf', await threePagePdf(), 'Cliente: la empresa y el cliente, no los técnicos');
  await uploadFile(office, 'interno.png', 'image/png', await png('#991b1b'), 'Empresa: solo la empresa');
  await uploadFile(office, 'poste.png', 'image/png', await png('#1d4ed8'), 'Técnico: la empresa y los técnicos');
  const files = office.getByRole('list', { name: 'Archivos del ticket' });
  const convert = files.getByRole('form', { name: 'Convertir «acta.pdf» a imagen' });
  await convert.getByLabel('Página').fill('2');
  await convert.getByRole('button', { name: 'Convertir a imagen' }).click();
  await expect(convert.getByRole('status')).toHaveText('Listo: acta-p2.png');
  const item = (list: ReturnType<Page['getByRole']>, name: string) => list.getByRole('listitem').filter({ has: office.getByRole('link', { name, exact: true }) });
  const converted = item(files, 'acta-p2.png');
  await expect(converted).toContainText('Página 2 de «acta.pdf»');
  await expect(converted).toContainText('Cliente: la empresa y el cliente');
  const preview = converted.getByRole('img', { name: 'Vista previa de acta-p2.png' });
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  // A page beyond the last: refused, translated.
  await convert.getByLabel('Página').fill('9');
  await convert.getByRole('button', { name: 'Convertir a imagen' }).click();
  await expect(convert.getByRole('alert')).toContainText('El PDF tiene 3 páginas: no existe la página 9.');

  // The customer, in the portal: the Cliente documents, never the office's nor the technicians'.
  const portalContext = await browser.newContext(PHONE);
  const portal = await portalContext.newPage();
  await portal.goto(`${DEMO}/portal/login`);
  await portal.getByLabel('Número de documento').fill('30.123.456');
  await portal.getByLabel('Contraseña').fill(DEMO_PASSWORD);
  await portal.getByRole('button', { name: 'Ingresar' }).click();
  await expect(portal).toHaveURL(/\/portal\/?$/);
  await portal.goto(`${DEMO}/portal/tickets/${ticketId}`);
  const shown = portal.getByRole('list', { name: 'Archivos del ticket' });
  await expect(shown.getByRole('link', { name: 'acta.pdf' })).toBeVisible();
  await expect(shown.getByRole('img', { name: 'acta-p2.png' })).toBeVisible();
  await expect(shown).not.toContainText('interno.png');
  await expect(shown.getByRole('img', { name: 'interno.png' })).toHaveCount(0);
  await expect(shown.getByRole('img', { name: 'poste.png' })).toHaveCount(0);
  await portalContext.close();

  // The technician, on a phone: annotates poste.png (Tecnico); the new version is queued and sent.
  const phone = await browser.newContext(PHONE);
  const tech = await phone.newPage();
  await signInStaff(tech, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await tech.goto(`${DEMO}/tech?ticket=${ticketId}`);
  await expect(tech.getByRole('heading', { level: 1 })).toContainText(TITLE);
  await tech.getByRole('tab', { name: 'Adjuntos' }).click();
  const attachments = tech.getByRole('tabpanel');
  await expect(attachments).not.toContainText('interno.png');
  await expect(attachments).not.toContainText('acta.pdf');
  await attachments.getByRole('button', { name: 'Anotar o firmar poste.png' }).click();
  const editor = tech.getByRole('dialog', { name: 'Anotar «poste.png»' });
  await expect(editor.getByRole('button', { name: 'Guardar como versión nueva' })).toBeEnabled({ enabled: false });
  await expect.poll(() => tech.getByTestId('editor-canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBe(320);
  await draw(tech, 'editor-canvas');
  await editor.getByRole('radio', { name: 'Texto' }).click();
  await editor.getByLabel('Texto a colocar').fill('Poste 14');
  const box = (await tech.getByTestId('editor-canvas').boundingBox())!;
  await tech.mouse.click(box.x + 30, box.y + 30);
  await editor.getByRole('button', { name: 'Guardar como versión nueva' }).click();
  await expect(editor).toBeHidden();
  await expect(tech.getByRole('status').filter({ hasText: 'Todo sincronizado' })).toBeVisible({ timeout: 30_000 });

  // The customer signs on the phone when the work is done.
  await tech.getByRole('button', { name: 'Firma del cliente' }).click();
  const sign = tech.getByRole('dialog');
  await sign.getByLabel('Nombre y apellido de quien firma').fill(`Firmante ${RUN}`);
  await sign.getByRole('button', { name: 'Guardar firma' }).click();
  await expect(sign.getByRole('alert')).toHaveText('Falta la firma en el recuadro.');
  await draw(tech, 'signature-pad');
  await sign.getByRole('button', { name: 'Guardar firma' }).click();
  await expect(sign).toBeHidden();
  await expect(tech.getByRole('status').filter({ hasText: 'Todo sincronizado' })).toBeVisible({ timeout: 30_000 });
  await phone.close();

  // The office: the annotated version beside the original, and the signature; the PDF names the signer.
  const version = item(files, 'poste-anotada.jpg');
  await expect(async () => {
    await office.reload();
    await office.getByRole('tab', { name: 'Archivos' }).click();
    await expect(version).toContainText('Nueva versión de «poste.png»', { timeout: 3000 });
    await expect(office.getByTestId('customer-signature')).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 45_000 });
  await expect(version).toContainText('Técnico: la empresa y los técnicos');
  await expect(item(files, 'poste.png')).toHaveCount(1);
  await expect(office.getByTestId('customer-signature')).toContainText(`Firmó: Firmante ${RUN}`);
  const pdf = await office.evaluate(async (url) => [...new Uint8Array(await (await fetch(url)).arrayBuffer())], `/api/tickets/${ticketId}/pdf`);
  const text = await pdfText(new Uint8Array(pdf));
  expect(text).toMatch(new RegExp(`Firma del cliente\\s+Aclaración:\\s+Firmante ${RUN}`));
});
