// A5: the columns of the invoice and payment CSV files, and their header mapping. Headers match
// accent-, case- and punctuation-insensitively, as the customer import's (src/server/services/customers/import/csv.ts).
import { headerKey } from '@/server/services/customers/import/csv';

export const INVOICE_COLUMNS = {
  number: ['numero', 'number', 'nro', 'numero_factura', 'invoice_number', 'factura', 'invoice', 'fattura', 'numero_fattura'],
  type: ['tipo', 'type', 'tipo_comprobante', 'tipo_factura', 'invoice_type', 'tipo_documento'],
  customerCode: ['cliente', 'customer', 'codigo_cliente', 'customer_code', 'nro_cliente', 'numero_cliente', 'codice_cliente'],
  issuedOn: ['fecha', 'fecha_emision', 'emision', 'issue_date', 'issued_on', 'date', 'data', 'data_emissione'],
  dueOn: ['vencimiento', 'fecha_vencimiento', 'due_date', 'due_on', 'due', 'scadenza', 'data_scadenza'],
  period: ['periodo', 'period'],
  total: ['total', 'importe', 'amount', 'totale', 'importo'],
  balance: ['saldo', 'balance', 'saldo_pendiente', 'pendiente', 'residuo'],
  status: ['estado', 'status', 'stato'],
} as const;

export const PAYMENT_COLUMNS = {
  customerCode: ['cliente', 'customer', 'codigo_cliente', 'customer_code', 'nro_cliente', 'numero_cliente', 'codice_cliente'],
  paidOn: ['fecha', 'fecha_pago', 'payment_date', 'paid_on', 'date', 'data', 'data_pagamento'],
  amount: ['importe', 'monto', 'amount', 'total', 'importo'],
  method: ['medio', 'medio_pago', 'medio_de_pago', 'metodo', 'forma_pago', 'method', 'payment_method', 'metodo_pagamento'],
  reference: ['referencia', 'reference', 'comprobante', 'nro_comprobante', 'riferimento'],
  invoices: ['facturas', 'factura', 'invoices', 'invoice', 'fatture', 'fattura'],
} as const;

export type InvoiceColumn = keyof typeof INVOICE_COLUMNS;
export type PaymentColumn = keyof typeof PAYMENT_COLUMNS;

export const REQUIRED = {
  invoices: ['number', 'customerCode', 'issuedOn', 'dueOn', 'total'] as InvoiceColumn[],
  payments: ['customerCode', 'paidOn', 'amount', 'method'] as PaymentColumn[],
};

export type ColumnSet<C extends string> = Record<C, readonly string[]>;

export type Headers<C extends string> = {
  columns: Map<number, C>;
  labels: Map<C, string>;
  missing: C[];
  unknown: string[];
  duplicated: string[];
};

/** Maps the header row to columns; blank headers (trailing separators Excel leaves) are ignored. */
export function mapColumns<C extends string>(set: ColumnSet<C>, required: readonly C[], headers: readonly string[]): Headers<C> {
  const synonyms = new Map<string, C>();
  for (const id of Object.keys(set) as C[]) for (const name of set[id]) synonyms.set(headerKey(name), id);
  const columns = new Map<number, C>();
  const labels = new Map<C, string>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  headers.forEach((raw, index) => {
    const header = raw.trim();
    if (!header) return;
    const id = synonyms.get(headerKey(header));
    if (!id) unknown.push(header);
    else if (labels.has(id)) duplicated.push(header);
    else {
      columns.set(index, id);
      labels.set(id, header);
    }
  });
  return { columns, labels, missing: required.filter((id) => !labels.has(id)), unknown, duplicated };
}
