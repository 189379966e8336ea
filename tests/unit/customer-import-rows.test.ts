// A7, the row layer: grouping rows into customers and connections, and one problem per row and
// column, translated with the app's own messages.
import { describe, expect, it } from 'vitest';
import { mapHeaders, readCsv, detectDelimiter, type ColumnId } from '@/server/services/customers/import/csv';
import { parseCoordinate, parseRows, problemText, referenceIndex, splitList, type References } from '@/server/services/customers/import/rows';

const HEADER = 'codigo;nombre;tipo_documento;documento;emails;telefonos;direccion;localidad;conexion_codigo;conexion_direccion;conexion_localidad;plan;nodo;tipo;latitud;longitud;estado';

const refs: References = {
  plans: referenceIndex([
    { id: 'p1', name: 'Fibra 100' },
    { id: 'p2', name: 'Inalámbrico 20' },
  ]),
  nodes: referenceIndex([{ id: 'n1', name: 'Nodo Centro' }]),
  localities: referenceIndex([
    { id: 'l1', name: 'Lanús' },
    { id: 'l2', name: 'Quilmes' },
    { id: 'l3', name: 'QUILMES' },
  ]),
};

function parse(lines: string[], header = HEADER) {
  const text = [header, ...lines].join('\n');
  const { records } = readCsv(text, detectDelimiter(text), 1000);
  const [head, ...data] = records;
  return parseRows(data, mapHeaders(head!.fields), refs);
}

/** Problems as `line:column → message`, in Spanish. */
function problems(result: ReturnType<typeof parse>, locale: 'es' | 'en' | 'it' = 'es') {
  return Object.fromEntries(result.problems.map((p) => [`${p.line}:${p.column ?? ''}`, problemText(locale, p.message)]));
}

describe('parseRows — good rows', () => {
  it('groups rows by code into one customer with its connections, and resolves names without accents or case', () => {
    const result = parse([
      '2002;Ferretería El Tornillo;CUIT;30-71234567-1;Compras@Example.com | admin@example.com;+54 11 4224-5500;Calchaquí 3400;lanus;C-1;;;fibra 100;NODO CENTRO;Fibra óptica;-34,7385;-58,2690;Habilitada',
      '2002;;;;;;;;C-2;Belgrano 250;Lanús;Inalambrico 20;;wireless;-34.70;-58.28;BLOCKED',
      '2003;Peña, Sofía;DNI;35.678.901;;;Yrigoyen 5200;;;;;;;;;;',
    ]);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ rows: 3, connections: 2 });
    expect(result.customers).toHaveLength(2);
    const [ferreteria, sofia] = result.customers;
    expect(ferreteria).toMatchObject({
      line: 2,
      code: '2002',
      name: 'Ferretería El Tornillo',
      taxIdType: 'CUIT',
      taxId: '30712345671',
      emails: ['compras@example.com', 'admin@example.com'],
      phones: ['+54 11 4224-5500'],
      locality: { id: 'l1' },
    });
    expect(ferreteria!.connections).toEqual([
      { line: 2, code: 'C-1', type: 'FIBER', status: 'ENABLED', address: 'Calchaquí 3400', latitude: -34.7385, longitude: -58.269, plan: { id: 'p1', name: 'Fibra 100' }, node: { id: 'n1', name: 'Nodo Centro' }, locality: { id: 'l1', name: 'Lanús' } },
      { line: 3, code: 'C-2', type: 'WIRELESS', status: 'BLOCKED', address: 'Belgrano 250', latitude: -34.7, longitude: -58.28, plan: { id: 'p2', name: 'Inalámbrico 20' }, node: null, locality: { id: 'l1', name: 'Lanús' } },
    ]);
    expect(sofia).toMatchObject({ code: '2003', taxId: '35678901', connections: [] });
  });

  it('leaves the code null when blank (assigned later); each blank-code row is its own customer', () => {
    const result = parse([';Uno;;;;;;;;;;;;;;;', ';Dos;;;;;;;;;;;;;;;']);
    expect(result.problems).toEqual([]);
    expect(result.customers.map((c) => [c.code, c.name])).toEqual([[null, 'Uno'], [null, 'Dos']]);
  });

  it('uses the customer address for a connection without one, and skips blank rows', () => {
    const result = parse(['1;Uno;;;;;Mitre 10;;;;;Fibra 100;;;;;', ';;;;;;;;;;;;;;;;', '']);
    expect(result.rows).toBe(1);
    expect(result.customers[0]!.connections[0]).toMatchObject({ address: 'Mitre 10', plan: { id: 'p1' } });
  });

  it('accepts a comma-delimited file with English headers and a quoted comma', () => {
    const result = parse(['7,"Gómez, Ana",ana@example.com'], 'code,name,email');
    expect(result.problems).toEqual([]);
    expect(result.customers[0]).toMatchObject({ code: '7', name: 'Gómez, Ana', emails: ['ana@example.com'] });
  });
});

describe('parseRows — problems by row and column', () => {
  it('reports invalid e-mails, phones, tax ids and names with the app’s own messages', () => {
    const result = parse([
      '1;A;CUIT;20-12345678-7;nope;12;;;;;;;;;;;',
      '2;Bien;;12345678;;;;;;;;;;;;;',
      '3;Bien;XYZ;12345678;;;;;;;;;;;;;',
      'a b;;;;;;;;;;;;;;;;',
    ]);
    expect(problems(result)).toEqual({
      '2:name': 'Debe tener al menos 2 caracteres.',
      '2:taxId': 'El número de documento no es válido para el tipo elegido.',
      '2:emails': 'Correo electrónico no válido.',
      '2:phones': 'Teléfono no válido.',
      '3:taxIdType': 'Elegí el tipo de documento.',
      '4:taxIdType': '«XYZ» no es una opción válida.',
      '5:code': 'Solo letras, números y los signos . - / _',
      '5:name': 'Este campo es obligatorio.',
    });
  });

  it('reports bad coordinates, unknown names, ambiguous names and bad options on connection rows', () => {
    const result = parse([
      '1;Uno;;;;;Mitre 10;;;;;Fibra 1000;Nodo Norte;Fibra;abc;-58.3;Habilitada',
      '2;Dos;;;;;Mitre 20;Quilmes;;;;;;cohete;95;-58.3;rota',
      '3;Tres;;;;;;Bernal;;;;;;;-34.6;;',
      '4;Cuatro;;;;;Calle 4;;;;;;;;;-58.1;',
    ]);
    expect(problems(result)).toEqual({
      '2:plan': 'No hay ningún plan llamado «Fibra 1000».',
      '2:node': 'No hay ningún nodo llamado «Nodo Norte».',
      '2:latitude': '«abc» no es una coordenada: usá grados decimales, por ejemplo -34.6037.',
      '3:locality': 'Hay más de uno llamado «Quilmes»; renombralos para que se distingan.',
      '3:type': '«cohete» no es una opción válida.',
      '3:status': '«rota» no es una opción válida.',
      '3:latitude': 'La latitud debe estar entre -90 y 90.',
      '4:locality': 'No hay ninguna localidad llamada «Bernal».',
      '4:connectionAddress': 'Este campo es obligatorio.',
      '5:latitude': 'Completá latitud y longitud juntas.',
    });
  });

  it('finds duplicate tax ids and connection codes within the file, and conflicting data for one code', () => {
    const result = parse([
      '1;Uno;DNI;30.111.222;;;;;C-1;Calle 1;;;;;;;',
      '2;Dos;DNI;30111222;;;;;C-1;Calle 2;;;;;;;',
      '1;Otro nombre;;;;;;;C-3;Calle 3;;;;;;;',
      '1;UNO;dni;30111222;;;;;C-4;Calle 4;;;;;;;',
    ]);
    expect(problems(result)).toEqual({
      '3:taxId': 'Repetido: ya aparece en la fila 2.',
      '3:connectionCode': 'Repetido: ya aparece en la fila 2.',
      '4:name': 'El cliente 1 tiene otro valor en la fila 2. Repetí el mismo dato o dejá la celda vacía.',
    });
    // Same data written differently (case, punctuation) is not a conflict.
    expect(result.customers.find((c) => c.code === '1')!.connections.map((k) => k.code)).toEqual(['C-1', 'C-3', 'C-4']);
  });

  it('flags a row with more values than the header has columns', () => {
    expect(problems(parse(['1;Uno;;;;;;;;;;;;;;;;extra']))).toEqual({ '2:': 'La fila tiene más valores que columnas tiene el encabezado; puede faltar poner entre comillas un valor que contiene el separador.' });
  });

  it('says each problem in the user’s language', () => {
    const result = parse(['1;Uno;;;nope;;;;;;;;;;;;']);
    expect(problems(result, 'en')).toEqual({ '2:emails': 'Invalid e-mail address.' });
    expect(problems(result, 'it')).toEqual({ '2:emails': 'Indirizzo e-mail non valido.' });
  });

  it('reports one message per cell', () => {
    const result = parse(['1;Uno;XYZ;123;;;;;;;;;;;;;']);
    const columns = result.problems.map((p) => p.column);
    expect(columns).toEqual([...new Set(columns)] as (ColumnId | null)[]);
  });
});

describe('helpers', () => {
  it.each([
    ['-34.6037', -34.6037],
    ['-34,6037', -34.6037],
    [' 45 ', 45],
    ['+12.5', 12.5],
    ['', null],
    [undefined, null],
    ['1,234.5', 'invalid'],
    ['34°36′S', 'invalid'],
    ['NaN', 'invalid'],
    ['1e5', 'invalid'],
  ] as const)('parseCoordinate(%j) → %j', (input, expected) => {
    expect(parseCoordinate(input)).toBe(expected);
  });

  it('splits lists on |', () => {
    expect(splitList(' a@x.com | b@y.com ||')).toEqual(['a@x.com', 'b@y.com']);
    expect(splitList(undefined)).toEqual([]);
  });
});
