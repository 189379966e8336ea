// Routing by host: the root domain serves the product's landing page and ISP sign-up (under
// /site); every other host is a tenant's, verified against the database by its pages and procedures.
// Every page also gets its security headers here, with a Content-Security-Policy of its own nonce:
// Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/env';
import { classifyHost } from '@/lib/hosts';
import { arrivedOverHttps, commonHeaders, newNonce, pageContentSecurityPolicy } from '@/lib/security-headers';

const ROOT_DOMAIN = process.env.ROOT_DOMAIN ?? 'localhost';

function route(request: NextRequest, headers: Headers): NextResponse {
  const host = request.headers.get('host') ?? '';
  const { pathname } = request.nextUrl;
  const isRoot = classifyHost(host, ROOT_DOMAIN).kind === 'root';
  if (isRoot && !pathname.startsWith('/site')) {
    const url = request.nextUrl.clone();
    url.pathname = `/site${pathname === '/' ? '' : pathname}`;
    return NextResponse.rewrite(url, { request: { headers } });
  }
  if (!isRoot && pathname.startsWith('/site')) {
    const url = request.nextUrl.clone();
    url.pathname = '/404';
    return NextResponse.rewrite(url, { request: { headers } });
  }
  return NextResponse.next({ request: { headers } });
}

export function proxy(request: NextRequest) {
  const { MAP_TILE_URL, PUBLIC_SCHEME } = env();
  const https = arrivedOverHttps(PUBLIC_SCHEME, request.headers.get('x-forwarded-proto'));
  const csp = pageContentSecurityPolicy(newNonce(), { tileUrl: MAP_TILE_URL, dev: process.env.NODE_ENV === 'development', https });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  const response = route(request, headers);
  response.headers.set('content-security-policy', csp);
  for (const [name, value] of commonHeaders(https)) response.headers.set(name, value);
  return response;
}

// Not pages: the build's files, the API, images, manifests, fonts, and the service worker (its own policy, src/server/edge.ts).
export const config = { matcher: ['/((?!_next/|api/|favicon.ico|sw\\.js$|.*\\.(?:png|svg|ico|webmanifest|woff2?)$).*)'] };
