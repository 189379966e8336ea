// A3: tax ids by country. Stored normalized (no dots, dashes or spaces), validated with each
// scheme's check digit where it has one, and formatted back for display.

export const TAX_ID_TYPES = ['DNI', 'CUIT', 'CUIL', 'NIT', 'CC', 'CE', 'CF', 'PIVA', 'OTHER'] as const;
export type TaxIdType = (typeof TAX_ID_TYPES)[number];

export const TAX_ID_TYPES_BY_COUNTRY: Record<string, readonly TaxIdType[]> = {
  AR: ['DNI', 'CUIT', 'CUIL', 'OTHER'],
  CO: ['NIT', 'CC', 'CE', 'OTHER'],
  IT: ['CF', 'PIVA', 'OTHER'],
};

export function taxIdTypesFor(country: string): readonly TaxIdType[] {
  return TAX_ID_TYPES_BY_COUNTRY[country] ?? TAX_ID_TYPES;
}

export function normalizeTaxId(value: string): string {
  return value.replace(/[\s.\-/]/g, '').toUpperCase();
}

function digits(value: string): number[] {
  return [...value].map(Number);
}

/** AR CUIT/CUIL: 11 digits, mod-11 check digit with weights 5432765432. */
export function isValidCuit(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const d = digits(value);
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * d[i]!, 0);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === d[10];
}

/** CO NIT: base digits plus a DIAN check digit (weights from the right: 3,7,13,17,19,23,29,37,41,43,47,53,59,67,71). */
export function nitCheckDigit(base: string): number {
  const weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
  const d = digits(base).reverse();
  const sum = d.reduce((acc, n, i) => acc + n * weights[i]!, 0);
  const r = sum % 11;
  return r > 1 ? 11 - r : r;
}

export function isValidNit(value: string): boolean {
  if (!/^\d{6,15}$/.test(value)) return false;
  return nitCheckDigit(value.slice(0, -1)) === Number(value.at(-1));
}

/** IT partita IVA: 11 digits, Luhn-style check. */
export function isValidPartitaIva(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  const d = digits(value);
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let n = d[i]!;
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return (10 - (sum % 10)) % 10 === d[10];
}

const CF_ODD: Record<string, number> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18, N: 20,
  O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

/** IT codice fiscale: 16 characters, the last a check letter over the first 15. */
export function isValidCodiceFiscale(value: string): boolean {
  if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = value[i]!;
    if (i % 2 === 0) sum += CF_ODD[c]!;
    else sum += /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26)) === value[15];
}

/** Validates an already-normalized tax id for its type. */
export function isValidTaxId(type: TaxIdType, value: string): boolean {
  switch (type) {
    case 'DNI':
      return /^\d{7,8}$/.test(value);
    case 'CUIT':
    case 'CUIL':
      return isValidCuit(value);
    case 'NIT':
      return isValidNit(value);
    case 'CC':
      return /^\d{5,10}$/.test(value);
    case 'CE':
      return /^[A-Z0-9]{5,12}$/.test(value);
    case 'CF':
      return isValidCodiceFiscale(value);
    case 'PIVA':
      return isValidPartitaIva(value);
    case 'OTHER':
      return /^[A-Z0-9]{3,20}$/.test(value);
  }
}

function groupThousands(value: string, sep: string): string {
  return value.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Display form: 20-12345678-3, 12.345.678, 900.123.456-7, 1.234.567.890; Italian codes unchanged. */
export function formatTaxId(type: TaxIdType | null | undefined, value: string | null | undefined): string {
  if (!value) return '';
  switch (type) {
    case 'CUIT':
    case 'CUIL':
      return value.length === 11 ? `${value.slice(0, 2)}-${value.slice(2, 10)}-${value.slice(10)}` : value;
    case 'DNI':
    case 'CC':
      return /^\d+$/.test(value) ? groupThousands(value, '.') : value;
    case 'NIT':
      return /^\d+$/.test(value) ? `${groupThousands(value.slice(0, -1), '.')}-${value.slice(-1)}` : value;
    default:
      return value;
  }
}
