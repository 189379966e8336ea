// C15: the export routes (GET /api/exports/<kind>?format=csv|xlsx&…the grid's query…). Each resolves
// the tenant and the caller as every file route does (routeContext + the procedure ladder's gate),
// validates the query with zod (a bad one is a translated 400), counts the rows up to the limit of
// a download, and streams the file from PostgreSQL — or, above the limit, hands it to the background.
import 'server-only';
import { z } from 'zod';
import { env } from '@/env';
import { EXPORT_FORMATS, type ExportKind, exportFileName } from '@/lib/exports';
import { tenantIntl } from '@/lib/format';
import { errorResponse, routeContext } from '@/server/api/route-handlers';
import { contentDisposition } from '@/server/http';
import { logger } from '@/server/logger';
import type { StaffCaller } from '@/server/services/caller';
import { requestExport } from '@/server/services/exports/background';
import type { ExportDefinition } from '@/server/services/exports/kinds';
import { CONTENT_TYPE, sheetStream } from '@/server/services/exports/sheet';

const ZFormat = z.object({ format: z.enum(EXPORT_FORMATS) });

export function exportRoute(gate: (ctx: Awaited<ReturnType<typeof routeContext>>) => Promise<StaffCaller>, kind: ExportKind, def: ExportDefinition) {
  return async (request: Request): Promise<Response> => {
    const ctx = await routeContext(request);
    try {
      const caller = await gate(ctx);
      const query = new URL(request.url).searchParams;
      const { format } = ZFormat.parse({ format: query.get('format') ?? undefined });
      const input = def.parse(query) as never;
      const limit = env().EXPORT_SYNC_MAX_ROWS;
      const rows = await def.count(caller, input, limit);
      // Above the limit of a download: the background job (or the one of this kind already under way).
      if (rows > limit) return Response.json(await requestExport(caller, kind, format, input, limit), { status: 202, headers: { 'cache-control': 'private, no-store' } });
      const { columns, fill } = await def.build(caller, input);
      const body = sheetStream({ format, columns, intl: tenantIntl(caller.tenant) }, fill, (error) => logger.error({ err: error }, `${kind} export failed while streaming`));
      return new Response(body, {
        headers: {
          'content-type': CONTENT_TYPE[format],
          'content-disposition': contentDisposition('attachment', exportFileName(kind, format, caller.tenant.timeZone), `export.${format}`),
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, no-store',
        },
      });
    } catch (error) {
      return errorResponse(error, ctx.locale, `${kind} export`);
    }
  };
}
