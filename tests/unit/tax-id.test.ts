import { describe, expect, it } from 'vitest';
import { formatTaxId, isValidCodiceFiscale, isValidCuit, isValidNit, isValidPartitaIva, isValidTaxId, nitCheckDigit, normalizeTaxId, taxIdTypesFor } from '@/lib/tax-id';

describe('tax ids', () => {
  it('normalizes separators and case', () => {
    expect(normalizeTaxId('20-12345678-6')).toBe('20123456786');
    expect(normalizeTaxId(' 900.123.456-8 ')).toBe('9001234568');
    expect(normalizeTaxId('rssmra85t10a562s')).toBe('RSSMRA85T10A562S');
  });

  it('checks CUIT/CUIL check digits', () => {
    expect(isValidCuit('20123456786')).toBe(true);
    expect(isValidCuit('20123456787')).toBe(false);
    expect(isValidCuit('30500010912')).toBe(true); // a well-known company CUIT
    expect(isValidCuit('2012345678')).toBe(false);
  });

  it('checks Colombian NIT check digits (DIAN weights)', () => {
    expect(nitCheckDigit('800197268')).toBe(4); // DIAN's own NIT: 800.197.268-4
    expect(isValidNit('8001972684')).toBe(true);
    expect(isValidNit('8001972685')).toBe(false);
  });

  it('checks Italian codice fiscale and partita IVA', () => {
    expect(isValidCodiceFiscale('RSSMRA85T10A562S')).toBe(true);
    expect(isValidCodiceFiscale('RSSMRA85T10A562T')).toBe(false);
    expect(isValidPartitaIva('07643520567')).toBe(true);
    expect(isValidPartitaIva('07643520568')).toBe(false);
  });

  it('validates by type', () => {
    expect(isValidTaxId('DNI', '30123456')).toBe(true);
    expect(isValidTaxId('DNI', '301234')).toBe(false);
    expect(isValidTaxId('CC', '1020304050')).toBe(true);
    expect(isValidTaxId('OTHER', 'AB12')).toBe(true);
  });

  it('formats for display', () => {
    expect(formatTaxId('CUIT', '20123456786')).toBe('20-12345678-6');
    expect(formatTaxId('DNI', '30123456')).toBe('30.123.456');
    expect(formatTaxId('NIT', '8001972684')).toBe('800.197.268-4');
    expect(formatTaxId('CF', 'RSSMRA85T10A562S')).toBe('RSSMRA85T10A562S');
    expect(formatTaxId(null, null)).toBe('');
  });

  it('offers the types of the tenant country', () => {
    expect(taxIdTypesFor('CO')).toEqual(['NIT', 'CC', 'CE', 'OTHER']);
    expect(taxIdTypesFor('IT')).toEqual(['CF', 'PIVA', 'OTHER']);
  });
});
