// C15: the export routes (GET /api/exports/<kind>?format=csv|xlsx&…the grid's query…). Each resolves
// the tenant and the caller as every file route does (routeContext + the procedure ladder's gate),
// validates the query with zod (a bad one is a translated 400), counts the rows up to the limit of
// a download, and streams the file from PostgreSQL — or, above the limit, hands it to the background.
import 'server-only';
import { z } from 'zod';
import { env } from '@/env';
import { EXPORT_FORMATS, type ExportFormat, type ExportKind, exportFileName } from '@/lib/exports';
import { intlLocale, type Locale } from '@/lib/format';
import { errorResponse, routeContext } from '@/server/api/route-handlers';
import { contentDisposition } from '@/server/http';
import { logger } from '@/server/logger';
import type { StaffCaller } from '@/server/services/caller';
import { CONTENT_TYPE, type SheetColumn, type SheetSink, sheetStream } from '@/server/services/exports/sheet';

export type ExportDefinition<I> = {
  kind: ExportKind;
  /** The query string as the export's input; throws zod's error for a bad one. */
  parse: (query: URLSearchParams) => I;
  count: (caller: StaffCaller, input: I, cap: number) => Promise<number>;
  build: (caller: StaffCaller, input: I) => Promise<{ columns: SheetColumn[]; fill: (sink: SheetSink) => Promise<void> }>;
};

export type LargeExport = (caller: StaffCaller, kind: ExportKind, format: ExportFormat, input: unknown, rows: number) => Promise<Response>;

const ZFormat = z.object({ format: z.enum(EXPORT_FORMATS) });

/** The tenant's Intl locale: its language in its country (es-AR, it-IT). */
export function tenantIntl(caller: StaffCaller): string {
  return intlLocale(caller.tenant.locale as Locale, caller.tenant.country);
}

export function exportRoute<I>(gate: (ctx: Awaited<ReturnType<typeof routeContext>>) => Promise<StaffCaller>, def: ExportDefinition<I>, large: () => Promise<LargeExport>) {
  return async (request: Request): Promise<Response> => {
    const ctx = await routeContext(request);
    try {
      const caller = await gate(ctx);
      const query = new URL(request.url).searchParams;
      const { format } = ZFormat.parse({ format: query.get('format') ?? undefined });
      const input = def.parse(query);
      const limit = env().EXPORT_SYNC_MAX_ROWS;
      const rows = await def.count(caller, input, limit);
      if (rows > limit) return await (await large())(caller, def.kind, format, input, limit);
      const { columns, fill } = await def.build(caller, input);
      const body = sheetStream({ format, columns, intl: tenantIntl(caller) }, fill, (error) => logger.error({ err: error }, `${def.kind} export failed while streaming`));
      return new Response(body, {
        headers: {
          'content-type': CONTENT_TYPE[format],
          'content-disposition': contentDisposition('attachment', exportFileName(def.kind, format, caller.tenant.timeZone), `export.${format}`),
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, no-store',
        },
      });
    } catch (error) {
      return errorResponse(error, ctx.locale, `${def.kind} export`);
    }
  };
}
