// C15: "Exportar" on the ticket grid. A filtered grid exported as CSV and as Excel, each file read
// back as a spreadsheet would: as many rows as the grid shows, accents intact, numbers and dates
// typed in the XLSX. An export above the limit of a download (5 rows in the e2e server) goes to the
// background: a notice, then an e-mail at the local Resend stand-in whose link downloads the file
// signed in, "Mis exportaciones" lists it, and once its time is up (30 s here) the link is refused.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createTicketInUi, deliveredEmails, STAFF, signInStaff } from './helpers';

const WORD = 'Ñandúexport';

async function exportAs(page: Page, label: 'CSV' | 'Excel (.xlsx)') {
  await page.getByTestId('export-tickets').locator('summary').click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: label, exact: true }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

test('a filtered grid exported as CSV and as Excel holds the grid’s rows, accents intact, typed in Excel', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  for (const n of [1, 2, 3]) await createTicketInUi(page, `${WORD} corte de fibra ${n} — señal`, `Exportación de prueba número ${n}`);
  await page.goto(`/tickets?q=${encodeURIComponent(WORD)}`);
  const rows = page.getByRole('tabpanel').getByRole('row').filter({ hasText: WORD });
  await expect(rows).toHaveCount(3);
  const shown = await rows.count();
  // The export holds the columns shown: show "Apertura" (hidden for this operator) to see a typed date.
  const columnsMenu = page.locator('details').filter({ has: page.locator('summary', { hasText: 'Columnas' }) });
  await columnsMenu.locator('summary').click();
  const openedColumn = columnsMenu.getByLabel('Apertura');
  const wasShown = await openedColumn.isChecked();
  if (!wasShown) await openedColumn.check();
  await expect(page.getByRole('columnheader', { name: 'Apertura' })).toBeVisible();
  await columnsMenu.locator('summary').click();

  const csv = await exportAs(page, 'CSV');
  expect(csv.name).toMatch(/^tickets-\d{4}-\d{2}-\d{2}\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records: string[][] = parse(csv.bytes.subarray(3).toString('utf8'), { delimiter: ';' });
  expect(records[0]!.slice(0, 2)).toEqual(['Nº', 'Título']);
  expect(records.length - 1).toBe(shown);
  expect(records.slice(1).map((r) => r[1]).sort()).toEqual([1, 2, 3].map((n) => `${WORD} corte de fibra ${n} — señal`));

  const xlsx = await exportAs(page, 'Excel (.xlsx)');
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
  expect(sheet.getRow(1).font?.bold).toBe(true);
  expect(sheet.rowCount - 1).toBe(shown);
  const opened = header.indexOf('Apertura') + 1;
  for (let r = 2; r <= sheet.rowCount; r++) {
    expect(typeof sheet.getRow(r).getCell(1).value).toBe('number');
    expect(sheet.getRow(r).getCell(opened).value).toBeInstanceOf(Date);
    expect(String(sheet.getRow(r).getCell(2).value)).toContain('señal');
  }
  // The grid's per-user 'Cambios' column is not data to export.
  expect(header).not.toContain('Cambios');
  expect(header).toContain('Apertura');
  if (!wasShown) {
    // Put the operator's columns back as they were for the other specs.
    await columnsMenu.locator('summary').click();
    await openedColumn.click();
    await expect(page.getByRole('columnheader', { name: 'Apertura' })).toHaveCount(0);
  }
});

test('a large export is prepared in the background, e-mailed with a link that downloads signed in, and refused once expired', async ({ page }) => {
  test.setTimeout(120_000);
  await signInStaff(page, STAFF.operator);
  await page.goto('/tickets');
  const before = (await deliveredEmails()).length;
  await page.getByTestId('export-tickets').locator('summary').click();
  await page.getByRole('button', { name: 'CSV', exact: true }).click();
  await expect(page.getByTestId('export-queued')).toContainText('se prepara en segundo plano');

  let link = '';
  await expect
    .poll(async () => {
      const mail = (await deliveredEmails()).slice(before).find((m) => m.body.to.includes(STAFF.operator) && m.body.subject === 'Su exportación de tickets está lista');
      link = mail?.body.text.match(/https?:\/\/\S+\/api\/exports\/files\/\S+/)?.[0] ?? '';
      return link;
    }, { timeout: 20_000 })
    .not.toBe('');
  const got = await page.evaluate(async (url) => {
    const res = await fetch(url);
    return { status: res.status, text: await res.text() };
  }, link);
  expect(got.status).toBe(200);
  const records: string[][] = parse(got.text.replace(/^\uFEFF/, ''), { delimiter: ';' });
  expect(records.length - 1).toBeGreaterThan(5);

  await page.getByRole('link', { name: 'Mis exportaciones' }).click();
  const row = page.getByTestId('my-export').first();
  await expect(row).toContainText('Lista');
  await expect(row.getByRole('link', { name: 'Descargar' })).toBeVisible();

  // Another browser, not signed in: sent to sign in first.
  const stranger = await page.context().browser()!.newPage();
  await stranger.goto(link);
  await expect(stranger).toHaveURL(/\/login\?next=/);
  await stranger.close();

  // Once its 30 s are up, the link is refused with a page that says so.
  await page.waitForTimeout(31_000);
  const late = await page.evaluate(async (url) => (await fetch(url)).status, link);
  expect(late).toBe(410);
  await page.goto(link);
  await expect(page.getByRole('alert')).toContainText('Este enlace de descarga venció');
});
