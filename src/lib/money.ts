// A5: money as exact integers. Amounts are stored as Decimal(18, 4) in the tenant's currency; here
// they are counted in ten-thousandths (`Units`, a bigint), so sums and running balances never round.
// Pure: used by the statement, the billing import and their tests.

export type Units = bigint;

/** Ten-thousandths: the scale of every amount column (Decimal(18, 4)). */
export const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);
/** The largest amount a Decimal(18, 4) holds. */
export const MAX_UNITS: Units = 10n ** 18n - 1n;

const DIGITS = new Map<string, number>();

/** How many decimals a currency has (ARS 2, EUR 2, CLP 0, KWD 3), as Intl knows it. */
export function currencyDigits(currency: string): number {
  let digits = DIGITS.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    DIGITS.set(currency, digits);
  }
  return digits;
}

/** A Decimal (Prisma's, or its text) → units. "1500.5" → 15005000n. */
export function toUnits(value: { toFixed(digits: number): string } | string | number): Units {
  const text = typeof value === 'string' ? value : value.toFixed(SCALE);
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) throw new Error(`not a decimal: ${text}`);
  const fraction = (match[3] ?? '').padEnd(SCALE, '0');
  if (fraction.length > SCALE && /[1-9]/.test(fraction.slice(SCALE))) throw new Error(`more than ${SCALE} decimals: ${text}`);
  const units = BigInt(match[2]!) * FACTOR + BigInt(fraction.slice(0, SCALE) || '0');
  return match[1] ? -units : units;
}

/** Units → the decimal text a Decimal column takes ("1500.5000"). */
export function unitsToDecimal(units: Units): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  return `${negative ? '-' : ''}${abs / FACTOR}.${(abs % FACTOR).toString().padStart(SCALE, '0')}`;
}

/** Units → a JS number for an answer (exact for any amount below 9 × 10^11). */
export function unitsToNumber(units: Units): number {
  return Number(unitsToDecimal(units));
}

export type AmountProblem = 'invalid' | 'notPositive' | 'tooManyDecimals' | 'tooLarge';

/**
 * An amount as an ISP's CSV writes it: "1500", "1500.50", "1500,50" (a decimal comma, as Excel
 * writes in es/it), "1.500,50" or "1,500.50" (thousands separators, the last separator being the
 * decimal one), with spaces or a currency sign around it. More decimals than `digits` (the
 * currency's) is a problem, not rounded: "1.500" for a 2-decimal currency is refused rather than
 * read as 1.5.
 */
export function parseAmount(raw: string, digits: number): { units: Units } | { problem: AmountProblem } {
  let text = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/^[$€£]|[$€£]$/g, '').replace(/^−/, '-');
  if (!text) return { problem: 'invalid' };
  const negative = text.startsWith('-');
  if (negative || text.startsWith('+')) text = text.slice(1);
  const lastComma = text.lastIndexOf(',');
  const lastPoint = text.lastIndexOf('.');
  let integer: string;
  let fraction = '';
  if (lastComma >= 0 && lastPoint >= 0) {
    const decimal = lastComma > lastPoint ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    const at = text.lastIndexOf(decimal);
    integer = text.slice(0, at);
    fraction = text.slice(at + 1);
    if (!new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})*$`).test(integer)) return { problem: 'invalid' };
    integer = integer.split(thousands).join('');
  } else if (lastComma >= 0 || lastPoint >= 0) {
    const at = Math.max(lastComma, lastPoint);
    if (text.indexOf(text[at]!) !== at) return { problem: 'invalid' };
    integer = text.slice(0, at);
    fraction = text.slice(at + 1);
  } else integer = text;
  if (!/^\d+$/.test(integer || '0') || !/^\d*$/.test(fraction) || (!integer && !fraction)) return { problem: 'invalid' };
  // Written decimals count, zeros too: "1.500" for a 2-decimal currency is a thousands point, not 1.5.
  if (fraction.length > digits) return { problem: 'tooManyDecimals' };
  if (negative) return { problem: 'notPositive' };
  if ((integer || '0').replace(/^0+/, '').length > 18 - SCALE) return { problem: 'tooLarge' };
  const units = toUnits(`${integer || '0'}.${fraction}`);
  if (units <= 0n) return { problem: 'notPositive' };
  return { units };
}

/**
 * A calendar day as a CSV writes it: ISO "2026-11-30", or day first "30/11/2026", "30-11-2026",
 * "30.11.2026" (es and it write the day first; the month-first US order is not read). Returns
 * "YYYY-MM-DD", or null for anything else or a day that does not exist (31/02).
 */
export function parseDay(raw: string): string | null {
  const text = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$/.exec(text);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}
