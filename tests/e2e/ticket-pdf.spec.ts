// C11: the ticket's PDF and print from the office's ticket view. The actions menu offers "Previsualizar
// PDF", "Imprimir" and "Imprimir con comentarios"; the PDF is fetched as the page fetches it (its
// session, its tenant's host) and read back with pdf.js: the customer's copy has the public comment and
// never the internal note, the copy with comments has both. The print stylesheet hides the navigation.
import { expect, test, type Page } from '@playwright/test';
import { pdfText } from '../factories/pdf-text';
import { createTicketOnConnection, STAFF, signInStaff } from './helpers';

const TITLE = 'Imprimir orden de trabajo';
const PUBLIC = 'Le confirmamos la visita del jueves.';
const NOTE = 'Nota solo del equipo: portón con perro.';

async function comment(page: Page, body: string, kind: 'Público' | 'Nota interna') {
  const form = page.getByRole('form', { name: 'Agregar un comentario' });
  await form.getByLabel('Agregar un comentario').fill(body);
  await form.getByLabel(kind).check();
  await form.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByText(body)).toBeVisible();
}

/** The PDF at `href`, fetched by the page (Node cannot resolve *.localhost), as bytes and its type. */
async function fetchPdf(page: Page, href: string) {
  const got = await page.evaluate(async (url) => {
    const res = await fetch(url);
    return { status: res.status, type: res.headers.get('content-type'), bytes: [...new Uint8Array(await res.arrayBuffer())] };
  }, href);
  return { ...got, bytes: new Uint8Array(got.bytes) };
}

test('the ticket’s actions menu: a PDF preview for the customer, printing with and without comments, and a print stylesheet', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto('/tickets');
  await createTicketOnConnection(page, { code: '1001', customer: 'María Fernández (1001)', title: TITLE, description: 'Cambio de ONU en el domicilio.' });
  await page.goto(`/tickets?q=${encodeURIComponent('imprimir orden')}`);
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE);

  await page.getByRole('tab', { name: 'Comentarios' }).click();
  await comment(page, PUBLIC, 'Público');
  await comment(page, NOTE, 'Nota interna');

  const more = page.getByRole('button', { name: 'Más acciones' });
  await more.click();
  const menu = page.getByRole('list', { name: 'Más acciones' });
  await expect(menu.getByRole('link')).toHaveText(['Previsualizar PDF', 'Imprimir', 'Imprimir con comentarios']);
  const preview = menu.getByRole('link', { name: 'Previsualizar PDF' });
  await expect(preview).toHaveAttribute('target', '_blank');
  const href = (await preview.getAttribute('href'))!;
  expect(href).toMatch(/^\/api\/tickets\/[0-9a-f-]{36}\/pdf$/);
  await expect(menu.getByRole('link', { name: 'Imprimir con comentarios' })).toHaveAttribute('href', `${href}?comments=1`);

  const customerCopy = await fetchPdf(page, href);
  expect(customerCopy.status).toBe(200);
  expect(customerCopy.type).toBe('application/pdf');
  const text = await pdfText(customerCopy.bytes);
  for (const expected of [TITLE, 'María Fernández', 'Copia para el cliente', PUBLIC, 'Firma del cliente']) expect(text, expected).toContain(expected);
  expect(text).not.toContain('portón con perro');
  const withComments = await pdfText((await fetchPdf(page, `${href}?comments=1`)).bytes);
  expect(withComments).toContain('portón con perro');

  // "Imprimir con comentarios" opens the internal copy and prints it once it has loaded.
  await page.evaluate(() => {
    const w = window as unknown as { opened: string[]; printed: number };
    w.opened = [];
    w.printed = 0;
    window.open = ((url: string) => {
      w.opened.push(url);
      return { addEventListener: (_: string, loaded: () => void) => loaded(), print: () => (w.printed += 1) } as unknown as Window;
    }) as typeof window.open;
  });
  await menu.getByRole('link', { name: 'Imprimir con comentarios' }).click();
  expect(await page.evaluate(() => {
    const w = window as unknown as { opened: string[]; printed: number };
    return { opened: w.opened, printed: w.printed };
  })).toEqual({ opened: [`${href}?comments=1`], printed: 1 });
  await expect(menu).toHaveCount(0);

  // The browser's own print: the ticket without the navigation, the tabs or the menu.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(more).toBeHidden();
  await expect(page.getByRole('tablist')).toBeHidden();
  await expect(page.getByRole('navigation').first()).toBeHidden();
});
