// A7: a supervisor imports customers from CSV — a Latin-1 file from Excel with errors is previewed
// row by row and cannot be imported; the corrected file imports, and its customers are found.
import { expect, test } from '@playwright/test';
import { DEMO, STAFF, signInStaff } from './helpers';

const HEADER = 'codigo;nombre;tipo_documento;documento;emails;telefonos;direccion;localidad;conexion_codigo;conexion_direccion;conexion_localidad;plan;nodo;tipo;latitud;longitud;estado';

/** Windows-1252 bytes, as Excel saves "CSV" in Spanish. */
const latin1 = (text: string) => Buffer.from(text, 'latin1');

test('a file with errors is refused row by row; the corrected one imports', async ({ page }) => {
  await signInStaff(page, STAFF.supervisor);
  await page.goto(`${DEMO}/customers`);
  await page.getByRole('link', { name: 'Importar CSV' }).click();
  await expect(page.getByRole('heading', { name: 'Importar clientes' })).toBeVisible();

  const bad = [
    HEADER,
    'E2E-1;Begoña Núñez;DNI;31.222.333;begona@correo.test;;Belgrano 100;Lanús;;;;;;;-34,70;-58,39;',
    'E2E-2;Joaquín Peña;DNI;31222333;no-es-correo;;Sarmiento 20;Atlántida;;;;;;;95;-58,3;',
  ].join('\r\n');
  await page.getByLabel('Archivo CSV').setInputFiles({ name: 'clientes.csv', mimeType: 'text/csv', buffer: latin1(bad) });
  await page.getByRole('button', { name: 'Revisar archivo' }).click();

  await expect(page.getByText(/no estaba en UTF-8 y se leyó como Windows-1252/)).toBeVisible();
  const problems = page.getByRole('table', { name: 'Problemas por fila y columna' });
  await expect(problems).toBeVisible();
  // Row 3 of the file: a tax id already used on row 2, a bad e-mail, an unknown locality, a latitude out of range.
  const row3 = problems.getByRole('row').filter({ has: page.getByRole('cell', { name: '3', exact: true }) });
  await expect(row3).not.toHaveCount(0);
  await expect(problems).toContainText('Atlántida');
  await expect(problems).toContainText(/correo/i);
  await expect(problems).toContainText(/latitud/i);
  await expect(page.getByRole('button', { name: /^Importar \d/ })).toHaveCount(0);

  const good = [
    HEADER,
    'E2E-1;Begoña Núñez;DNI;31.222.333;begona@correo.test;;Belgrano 100;Lanús;;;;;;;-34,70;-58,39;',
    'E2E-2;Joaquín Peña;DNI;31222334;joaquin@correo.test|jpena@correo.test;;Sarmiento 20;Quilmes;;;;;;;-34,72;-58,26;',
    'E2E-2;;;;;;;;;Sarmiento 22;Quilmes;;;;-34,73;-58,27;',
  ].join('\r\n');
  await page.getByLabel('Archivo CSV').setInputFiles({ name: 'clientes.csv', mimeType: 'text/csv', buffer: latin1(good) });
  await page.getByRole('button', { name: 'Revisar archivo' }).click();
  await expect(page.getByText('No encontramos problemas.', { exact: false })).toBeVisible();
  // Rows with coordinates but no connection address are a connection at the customer's address.
  await expect(page.getByRole('heading', { name: '3 filas: 2 clientes, 3 conexiones.' })).toBeVisible();
  await page.getByRole('button', { name: 'Importar 2 clientes y 3 conexiones' }).click();
  await expect(page.getByText('Listo: se importaron 2 clientes y 3 conexiones.')).toBeVisible();

  await page.getByRole('link', { name: 'Ver clientes' }).click();
  await page.getByLabel('Buscar').fill('begona nunez');
  await expect(page.getByRole('row').filter({ hasText: 'Begoña Núñez' })).toBeVisible();
  await page.getByLabel('Buscar').fill('joaquin');
  const joaquin = page.getByRole('row').filter({ hasText: 'Joaquín Peña' });
  await expect(joaquin).toBeVisible();
  await joaquin.getByRole('link', { name: 'Joaquín Peña' }).click();
  await expect(page.getByText('Sarmiento 22')).toBeVisible();
});

test('an operator has no import: no link, and the page sends them away', async ({ page }) => {
  await signInStaff(page, STAFF.operator);
  await page.goto(`${DEMO}/customers`);
  await expect(page.getByRole('heading', { name: 'Clientes', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Importar CSV' })).toHaveCount(0);
  await page.goto(`${DEMO}/customers/import`);
  await expect(page).not.toHaveURL(/\/customers\/import/);
});
