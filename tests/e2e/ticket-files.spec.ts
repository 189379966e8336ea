// C8 as an operator uses it: attach a phone photo to a ticket (stored without its GPS data, shown
// as a preview), see a lying file refused with the reason, write a comment with a document, and
// find the counts in the grid and the entries in the history.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { createTicketInUi, STAFF, signInStaff } from './helpers';

async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: '#2060c0' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Teléfono del técnico' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '34/1 36/1 1234/100', GPSLongitudeRef: 'W', GPSLongitude: '58/1 22/1 0/1' } })
    .toBuffer();
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

test('an operator attaches a photo and a document; previews, counts and history follow, a lying file is refused', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await createTicketInUi(page, 'Poste caído en Quilmes', 'El poste de la esquina se cayó con la tormenta.');
  await page.getByLabel('Buscar', { exact: true }).fill('poste caido');
  await page.getByRole('link', { name: 'Poste caído en Quilmes' }).click();

  await page.getByRole('tab', { name: 'Archivos' }).click();
  await expect(page.getByText('Este ticket todavía no tiene archivos.')).toBeVisible();
  const upload = page.getByRole('form', { name: 'Subir archivos' });

  // A PDF named as a photo: refused, with the reason, and nothing is kept.
  await upload.getByLabel('Archivos o imágenes').setInputFiles({ name: 'foto-poste.jpg', mimeType: 'image/jpeg', buffer: PDF });
  await upload.getByRole('button', { name: 'Subir archivos' }).click();
  await expect(upload.getByRole('alert')).toContainText('«foto-poste.jpg» dice ser otro tipo de archivo: su contenido es PDF.');

  await upload.getByLabel('Archivos o imágenes').setInputFiles({ name: 'poste.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() });
  await upload.getByLabel('Quién lo ve').selectOption({ label: 'Global: la empresa, los técnicos y el cliente' });
  await upload.getByRole('button', { name: 'Subir archivos' }).click();
  await expect(upload.getByRole('status')).toHaveText('Se subió 1 archivo.');
  const files = page.getByRole('list', { name: 'Archivos del ticket' });
  await expect(files.getByRole('listitem')).toHaveCount(1);
  await expect(files).toContainText('Global: la empresa, los técnicos y el cliente');
  const preview = files.getByRole('img', { name: 'Vista previa de poste.jpg' });
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // The original, as the browser downloads it: the same picture, without EXIF (no GPS).
  const href = await files.getByRole('link', { name: 'Abrir poste.jpg' }).getAttribute('href');
  const original = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return { type: response.headers.get('content-type'), bytes: Array.from(new Uint8Array(await response.arrayBuffer())) };
  }, href!);
  expect(original.type).toBe('image/jpeg');
  const meta = await sharp(Buffer.from(original.bytes)).metadata();
  expect([meta.width, meta.height, meta.exif]).toEqual([120, 80, undefined]);

  // A comment with a document: saved together, the document under the comment.
  await page.getByRole('tab', { name: 'Comentarios' }).click();
  const add = page.getByRole('form', { name: 'Agregar un comentario' });
  await add.getByLabel('Agregar un comentario').fill('Adjunto el acta de la municipalidad.');
  await add.getByLabel('Adjuntar archivos o imágenes (opcional)').setInputFiles({ name: 'acta.pdf', mimeType: 'application/pdf', buffer: PDF });
  await add.getByRole('button', { name: 'Enviar' }).click();
  const comment = page.getByRole('list', { name: 'Comentarios' }).getByRole('listitem').filter({ hasText: 'Adjunto el acta' });
  await expect(comment.getByRole('link', { name: 'acta.pdf', exact: true })).toBeVisible();

  await page.getByRole('tab', { name: 'Historial' }).click();
  const history = page.getByRole('list', { name: 'Historial' });
  await expect(history).toContainText('Adjuntó «poste.jpg».');
  await expect(history).toContainText('Adjuntó «acta.pdf».');

  // The grid counts them: two files, one an image; one comment.
  await page.goto('/tickets?q=poste%20caido');
  const row = page.getByRole('row').filter({ hasText: 'Poste caído en Quilmes' });
  await expect(row.getByTestId('file-count')).toContainText('2 archivos, 1 imagen');
  await expect(row).toContainText('1 comentario');
});
