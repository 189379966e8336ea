// C15: GET /api/exports/files/[id]?exp=…&sig=… — a background export's file, the link its e-mail and
// "Mis exportaciones" give. Any staff member of the host's tenant signed in (without a session a
// browser is sent to sign in and back); the export must be the caller's own (another user's, or
// another tenant's, is a 404 like one that does not exist), the signature this tenant's, user's and
// export's (403), and the link and file within their 7 days (410). Refusals are translated: a page
// for a browser, JSON otherwise.
import { z } from 'zod';
import { translator } from '@/i18n/catalog';
import { anyStaffGate, errorResponse, failure, routeContext } from '@/server/api/route-handlers';
import { fileResponse } from '@/server/http';
import { notFound } from '@/server/errors';
import { openExport } from '@/server/services/exports/background';

const gate = anyStaffGate();
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const response = await answer(request, params);
  // Never kept: a 410 is cacheable by default, and a browser would show a fetch's JSON refusal on the next visit (or the reverse).
  response.headers.set('cache-control', 'private, no-store');
  response.headers.set('vary', 'accept, cookie');
  return response;
}

async function answer(request: Request, params: Promise<{ id: string }>): Promise<Response> {
  const ctx = await routeContext(request);
  const url = new URL(request.url);
  const browser = (request.headers.get('accept') ?? '').includes('text/html');
  if (!ctx.session && browser && ctx.tenant) {
    return new Response(null, { status: 303, headers: { location: `/login?next=${encodeURIComponent(url.pathname + url.search)}`, 'cache-control': 'no-store' } });
  }
  try {
    const caller = await gate(ctx);
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw notFound();
    const opened = await openExport(caller, id.data, url.searchParams.get('exp'), url.searchParams.get('sig'));
    if (opened.refused) {
      const t = translator(caller.locale, 'exports');
      const message = t(opened.refused);
      if (!browser) return failure(opened.status, opened.refused === 'notReady' ? 'CONFLICT' : opened.status === 403 ? 'FORBIDDEN' : 'GONE', message);
      const html = `<!doctype html><html lang="${caller.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(t('page.title'))}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#0f172a"><h1 style="font-size:1.25rem">${escapeHtml(t('page.title'))}</h1>
<p role="alert">${escapeHtml(message)}</p><p><a href="/exports">${escapeHtml(t('myExports'))}</a></p></body></html>`;
      return new Response(html, { status: opened.status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" } });
    }
    return fileResponse(opened.file!, 'attachment', 'export');
  } catch (error) {
    return errorResponse(error, ctx.locale, 'export download');
  }
}
