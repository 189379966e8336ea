// Routing by host: the root domain serves the product's landing page and ISP sign-up (under
// /site); every other host is a tenant's, verified against the database by its pages and procedures.
import { NextResponse, type NextRequest } from 'next/server';
import { classifyHost } from '@/lib/hosts';

const ROOT_DOMAIN = process.env.ROOT_DOMAIN ?? 'localhost';

export function proxy(request: NextRequest) {
  const host = request.headers.get('host') ?? '';
  const { pathname } = request.nextUrl;
  const isRoot = classifyHost(host, ROOT_DOMAIN).kind === 'root';
  if (isRoot && !pathname.startsWith('/site')) {
    const url = request.nextUrl.clone();
    url.pathname = `/site${pathname === '/' ? '' : pathname}`;
    return NextResponse.rewrite(url);
  }
  if (!isRoot && pathname.startsWith('/site')) {
    const url = request.nextUrl.clone();
    url.pathname = '/404';
    return NextResponse.rewrite(url);
  }
  return NextResponse.next();
}

export const config = { matcher: ['/((?!_next/|api/|favicon.ico|.*\\.(?:png|svg|ico|webmanifest|woff2?)$).*)'] };
