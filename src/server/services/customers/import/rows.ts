// A7, the row layer of the customer import: records → customers with their connections, and a
// problem per row and column. Validation is the app's own (ZCustomerCreate, ZConnectionInput,
// the tax-id checks); plan, node and locality names are resolved against the tenant's catalog,
// which the caller loads once and passes in. Pure: no database, unit-tested.
import type { z } from 'zod';
import { catalogs, translateError, translator } from '@/i18n/catalog';
import { issueMessage } from '@/i18n/zod-messages';
import { LOCALES, type Locale } from '@/lib/format';
import { normalizeText } from '@/lib/text';
import { TAX_ID_TYPES, normalizeTaxId, type TaxIdType } from '@/lib/tax-id';
import { CONNECTION_STATUSES, CONNECTION_TYPES, ZConnectionInput, ZCustomerCreate } from '../schemas';
import type { ColumnId, CsvRecord, HeaderMap } from './csv';

/** A message key (`errors.…` or `customerImport.…`) with its parameters, or a zod issue to translate. */
export type ProblemMessage = { key: string; params?: Record<string, string | number> } | { issue: z.core.$ZodIssue };
export type RowProblem = { line: number; column: ColumnId | null; message: ProblemMessage };

/** A problem in the user's language: zod issues as the API's error formatter says them, keys from the catalogs. */
export function problemText(locale: Locale, message: ProblemMessage): string {
  if ('issue' in message) return issueMessage(locale, message.issue);
  const [namespace, ...rest] = message.key.split('.');
  if (namespace === 'errors') return translateError(locale, rest.join('.'), message.params);
  return translator(locale, namespace!)(rest.join('.'), message.params);
}

export type RefEntry = { id: string; name: string };
/** Catalog names, accent- and case-insensitively; two names that normalize alike are ambiguous. */
export type RefIndex = Map<string, RefEntry | 'ambiguous'>;
export type References = { plans: RefIndex; nodes: RefIndex; localities: RefIndex };

export function referenceIndex(entries: readonly RefEntry[]): RefIndex {
  const index: RefIndex = new Map();
  for (const entry of entries) {
    const key = normalizeText(entry.name);
    index.set(key, index.has(key) ? 'ambiguous' : entry);
  }
  return index;
}

export type ConnectionType = (typeof CONNECTION_TYPES)[number];
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export type ConnectionRow = {
  line: number;
  code: string | null;
  type: ConnectionType;
  status: ConnectionStatus;
  address: string;
  latitude: number | null;
  longitude: number | null;
  plan: RefEntry | null;
  node: RefEntry | null;
  locality: RefEntry | null;
};

export type CustomerRow = {
  /** The line of the customer's first row. */
  line: number;
  /** Null: the import assigns the next numeric code. */
  code: string | null;
  name: string;
  taxIdType: TaxIdType | null;
  taxId: string | null;
  emails: string[];
  phones: string[];
  address: string | null;
  locality: RefEntry | null;
  connections: ConnectionRow[];
};

export type ParsedRows = { customers: CustomerRow[]; problems: RowProblem[]; rows: number; connections: number };

const CUSTOMER_COLUMNS = ['name', 'taxIdType', 'taxId', 'emails', 'phones', 'address', 'locality'] as const satisfies readonly ColumnId[];
const CONNECTION_COLUMNS = ['connectionCode', 'connectionAddress', 'connectionLocality', 'plan', 'node', 'type', 'latitude', 'longitude', 'status'] as const satisfies readonly ColumnId[];

/** Schema field → file column, for zod issues. */
const CUSTOMER_FIELDS: Record<string, ColumnId> = { code: 'code', name: 'name', taxIdType: 'taxIdType', taxId: 'taxId', emails: 'emails', phones: 'phones', address: 'address', localityId: 'locality' };
const CONNECTION_FIELDS: Record<string, ColumnId> = {
  code: 'connectionCode', address: 'connectionAddress', localityId: 'connectionLocality', planId: 'plan', nodeId: 'node',
  type: 'type', latitude: 'latitude', longitude: 'longitude', status: 'status',
};

function optionKey(value: string): string {
  return normalizeText(value).replace(/[^a-z0-9]/g, '');
}

/** Enum values by their code or their label in any of the app's languages ("Fibra óptica", "Fiber optic", "FIBER"). */
function optionLookup<T extends string>(codes: readonly T[], labels: (locale: (typeof LOCALES)[number]) => Record<T, string>, extra: Record<string, T>): Map<string, T> {
  const map = new Map<string, T>();
  for (const code of codes) map.set(optionKey(code), code);
  for (const locale of LOCALES) for (const code of codes) map.set(optionKey(labels(locale)[code]), code);
  for (const [k, code] of Object.entries(extra)) map.set(optionKey(k), code);
  return map;
}

const TAX_ID_TYPE_OPTIONS = optionLookup(TAX_ID_TYPES, (l) => catalogs[l].enums.taxIdType, { 'P. IVA': 'PIVA', 'Codice fiscale': 'CF' });
const TYPE_OPTIONS = optionLookup(CONNECTION_TYPES, (l) => catalogs[l].enums.connectionType, {
  fibra: 'FIBER', ftth: 'FIBER', fiber: 'FIBER', inalambrico: 'WIRELESS', inalambrica: 'WIRELESS', radio: 'WIRELESS', satelite: 'SATELLITE', otro: 'OTHER', otra: 'OTHER',
});
const STATUS_OPTIONS = optionLookup(CONNECTION_STATUSES, (l) => catalogs[l].enums.connectionStatus, {
  habilitado: 'ENABLED', activa: 'ENABLED', activo: 'ENABLED', active: 'ENABLED', bloqueado: 'BLOCKED', suspendida: 'BLOCKED', suspendido: 'BLOCKED',
});

/** Decimal degrees, with a point or (as Excel writes in es/it) a decimal comma: "-34.6037", "-34,6037". Null if blank. */
export function parseCoordinate(value: string | undefined): number | null | 'invalid' {
  if (!value) return null;
  const text = value.replace(/\s/g, '').replace(/^−/, '-');
  const normalized = /^[+-]?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(normalized)) return 'invalid';
  return Number(normalized);
}

/** `a@x.com | b@y.com` → two items. */
export function splitList(value: string | undefined): string[] {
  return value ? value.split('|').map((s) => s.trim()).filter(Boolean) : [];
}

/** What two rows of one customer are compared by: accents, case, spacing and tax-id punctuation do not count. */
function comparable(column: ColumnId, value: string): string {
  if (column === 'taxId') return normalizeTaxId(value);
  if (column === 'emails' || column === 'phones') return splitList(value).map(normalizeText).join('|');
  if (column === 'taxIdType') return TAX_ID_TYPE_OPTIONS.get(optionKey(value)) ?? optionKey(value);
  return normalizeText(value);
}

type Values = Partial<Record<ColumnId, string>>;

class RowParser {
  readonly customers: CustomerRow[] = [];
  readonly problems: RowProblem[] = [];
  rows = 0;
  connections = 0;
  private readonly byCode = new Map<string, { customer: CustomerRow; values: Values }>();
  private readonly taxIds = new Map<string, number>();
  private readonly connectionCodes = new Map<string, number>();
  /** One message per cell: the first is the one that matters. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly header: HeaderMap,
    private readonly refs: References,
  ) {}

  private problem(line: number, column: ColumnId | null, message: ProblemMessage) {
    const key = `${line}:${column ?? ''}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push({ line, column, message });
  }

  private issues(line: number, issues: readonly z.core.$ZodIssue[], fields: Record<string, ColumnId>) {
    for (const issue of issues) this.problem(line, fields[String(issue.path[0])] ?? null, { issue });
  }

  private reference(line: number, column: ColumnId, index: RefIndex, value: string | undefined, unknownKey: string): RefEntry | null {
    if (!value) return null;
    const found = index.get(normalizeText(value));
    if (found === 'ambiguous') this.problem(line, column, { key: 'customerImport.problems.ambiguousName', params: { name: value } });
    else if (!found) this.problem(line, column, { key: unknownKey, params: { name: value } });
    return found && found !== 'ambiguous' ? found : null;
  }

  private option<T extends string>(line: number, column: ColumnId, options: Map<string, T>, value: string | undefined): T | undefined {
    if (!value) return undefined;
    const found = options.get(optionKey(value));
    if (!found) this.problem(line, column, { key: 'customerImport.problems.invalidOption', params: { value } });
    return found;
  }

  private coordinate(line: number, column: ColumnId, value: string | undefined): number | null {
    const parsed = parseCoordinate(value);
    if (parsed !== 'invalid') return parsed;
    this.problem(line, column, { key: 'customerImport.problems.coordinate', params: { value: value ?? '' } });
    return null;
  }

  add(record: CsvRecord) {
    const values: Values = {};
    let blank = true;
    let extra = false;
    record.fields.forEach((raw, index) => {
      const value = raw.trim();
      if (!value) return;
      blank = false;
      const column = this.header.columns.get(index);
      if (column) values[column] = value;
      else extra = true;
    });
    if (blank) return;
    this.rows += 1;
    const { line } = record;
    if (extra) this.problem(line, null, { key: 'customerImport.problems.extraFields' });

    const code = values.code ?? null;
    const known = code ? this.byCode.get(code) : undefined;
    let customer: CustomerRow;
    if (known) {
      customer = known.customer;
      for (const column of CUSTOMER_COLUMNS) {
        const value = values[column];
        if (value && comparable(column, value) !== comparable(column, known.values[column] ?? '')) {
          this.problem(line, column, { key: 'customerImport.problems.customerMismatch', params: { code: code!, line: customer.line } });
        }
      }
    } else {
      customer = this.customer(line, code, values);
      this.customers.push(customer);
      if (code) this.byCode.set(code, { customer, values });
    }
    if (CONNECTION_COLUMNS.some((c) => values[c])) {
      this.connections += 1;
      const connection = this.connection(line, values, customer);
      if (connection) customer.connections.push(connection);
    }
  }

  private customer(line: number, code: string | null, values: Values): CustomerRow {
    const taxIdType = this.option(line, 'taxIdType', TAX_ID_TYPE_OPTIONS, values.taxIdType);
    const locality = this.reference(line, 'locality', this.refs.localities, values.locality, 'customerImport.problems.unknownLocality');
    const parsed = ZCustomerCreate.safeParse({
      code: code ?? undefined,
      name: values.name,
      taxIdType: taxIdType ?? null,
      taxId: values.taxId ?? null,
      emails: splitList(values.emails),
      phones: splitList(values.phones),
      address: values.address ?? null,
    });
    if (!parsed.success) {
      this.issues(line, parsed.error.issues, CUSTOMER_FIELDS);
      return { line, code, name: values.name ?? '', taxIdType: null, taxId: null, emails: [], phones: [], address: values.address ?? null, locality, connections: [] };
    }
    const c = parsed.data;
    if (c.taxId) {
      const first = this.taxIds.get(c.taxId);
      if (first !== undefined) this.problem(line, 'taxId', { key: 'customerImport.problems.duplicateInFile', params: { line: first } });
      else this.taxIds.set(c.taxId, line);
    }
    return {
      line,
      code,
      name: c.name,
      taxIdType: c.taxId ? (c.taxIdType ?? null) : null,
      taxId: c.taxId ?? null,
      emails: c.emails,
      phones: c.phones,
      address: c.address ?? null,
      locality,
      connections: [],
    };
  }

  private connection(line: number, values: Values, customer: CustomerRow): ConnectionRow | null {
    const type = this.option(line, 'type', TYPE_OPTIONS, values.type);
    const status = this.option(line, 'status', STATUS_OPTIONS, values.status);
    const latitude = this.coordinate(line, 'latitude', values.latitude);
    const longitude = this.coordinate(line, 'longitude', values.longitude);
    const plan = this.reference(line, 'plan', this.refs.plans, values.plan, 'customerImport.problems.unknownPlan');
    const node = this.reference(line, 'node', this.refs.nodes, values.node, 'customerImport.problems.unknownNode');
    // Blank connection address and locality: the customer's own.
    const locality = values.connectionLocality
      ? this.reference(line, 'connectionLocality', this.refs.localities, values.connectionLocality, 'customerImport.problems.unknownLocality')
      : customer.locality;
    const parsed = ZConnectionInput.safeParse({
      code: values.connectionCode ?? null,
      type,
      status,
      address: values.connectionAddress ?? customer.address ?? values.address,
      latitude,
      longitude,
    });
    if (!parsed.success) {
      this.issues(line, parsed.error.issues, CONNECTION_FIELDS);
      return null;
    }
    const c = parsed.data;
    if (c.code) {
      const first = this.connectionCodes.get(c.code);
      if (first !== undefined) this.problem(line, 'connectionCode', { key: 'customerImport.problems.duplicateInFile', params: { line: first } });
      else this.connectionCodes.set(c.code, line);
    }
    return {
      line,
      code: c.code ?? null,
      type: c.type,
      status: c.status,
      address: c.address,
      latitude: c.latitude ?? null,
      longitude: c.longitude ?? null,
      plan,
      node,
      locality,
    };
  }
}

/**
 * Turns data records (the header excluded) into customers with their connections. Rows with the
 * same code are one customer: its fields come from the first row, and later rows must repeat them
 * or leave them blank. A row with no connection field is a customer without a connection.
 */
export function parseRows(records: Iterable<CsvRecord>, header: HeaderMap, refs: References): ParsedRows {
  const parser = new RowParser(header, refs);
  for (const record of records) parser.add(record);
  return { customers: parser.customers, problems: parser.problems, rows: parser.rows, connections: parser.connections };
}
