// C15: what each kind of export is — who may ask for it, how its query string is read, how its rows
// are counted and written — for the routes (streamed) and the worker (background) alike.
import type { ExportKind } from '@/lib/exports';
import type { Permission } from '@/lib/permissions';
import { filtersFromParams } from '@/lib/ticket-filters';
import type { StaffCaller } from '@/server/services/caller';
import { countCustomerExport, customerExport, ZCustomerExport } from './customers';
import { countMessageExport, messageExport, ZMessageExport } from './messages';
import type { SheetColumn, SheetSink } from './sheet';
import { countTicketExport, ticketExport, ZTicketExport } from './tickets';

export type ExportDefinition = {
  permission: Permission;
  /** The query string as the export's input; throws zod's error for a bad one. */
  parse: (query: URLSearchParams) => unknown;
  count: (caller: StaffCaller, input: never, cap: number) => Promise<number>;
  build: (caller: StaffCaller, input: never, onPage?: (rows: number) => Promise<void>) => Promise<{ columns: SheetColumn[]; fill: (sink: SheetSink) => Promise<void> }>;
};

const param = (q: URLSearchParams, name: string) => q.get(name) || undefined;

export const EXPORTS: Record<ExportKind, ExportDefinition> = {
  tickets: {
    permission: 'tickets.read',
    parse: (q) => ZTicketExport.parse({ tab: param(q, 'tab'), scope: param(q, 'scope'), query: param(q, 'query'), filters: filtersFromParams(q), columns: q.get('columns') ?? '' }),
    count: countTicketExport,
    build: ticketExport,
  },
  customers: {
    permission: 'customers.read',
    parse: (q) => ZCustomerExport.parse({ scope: param(q, 'scope'), query: param(q, 'query'), status: param(q, 'status'), localityId: param(q, 'localityId') }),
    count: countCustomerExport,
    build: customerExport,
  },
  messages: {
    permission: 'messages.read',
    parse: (q) => ZMessageExport.parse({ channel: param(q, 'channel'), scope: param(q, 'scope'), query: param(q, 'query'), status: param(q, 'status'), kind: param(q, 'kind'), from: param(q, 'from'), to: param(q, 'to') }),
    count: countMessageExport,
    build: messageExport,
  },
};
