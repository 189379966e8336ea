// A1: which subdomains a tenant may take — the one rule, used by the sign-up form's schema, the
// sign-up service and the database's uniqueness of look-alikes. Pure, so it is unit-tested as a table.
//
// Refused, each with its own reason:
//   - the shape: lower-case letters, digits and single hyphens inside (SLUG_PATTERN), never "--",
//     which DNS keeps for encoded labels ("xn--" is punycode; "ab--" others);
//   - punycode ("xn--" anywhere): a label that a browser may show as other letters;
//   - the names the product or the Internet needs on a wildcard domain (RESERVED_SLUGS), alone or
//     numbered (ns3, mail-2), and any slug whose skeleton is one of theirs (supp0rt, l0gin, adrnin);
//   - a slug whose skeleton is another tenant's (fibra-sur, flbrasur beside fibrasur): the database
//     keeps Tenant.slugSkeleton unique, so two sign-ups at once cannot both take look-alikes.
//
// The skeleton folds what reads alike in a browser's address bar: hyphens dropped, "rn" → "m",
// "vv" → "w", digits to the letters they imitate, "i" → "l". Slugs are ASCII (SLUG_PATTERN), so a
// Unicode confusables table (UTS #39, e.g. the `unhomoglyph` package) adds nothing here: for ASCII
// it folds only 0/O, 1/l and rn/m, and misses supp0rt → support and flbrasur → fibrasur.
import { SLUG_PATTERN } from './hosts';

/**
 * Names held back on a multi-tenant wildcard domain: the product's own pages and services, mail and
 * DNS hosts that clients and mail servers look up by convention (autodiscover, autoconfig, wpad,
 * mta-sts…), administrative and support names a tenant could impersonate, and environments.
 */
export const RESERVED_SLUGS: readonly string[] = [
  // the product
  'antena', 'www', 'app', 'apps', 'api', 'admin', 'administrator', 'root', 'system', 'sysadmin', 'dashboard', 'console', 'panel',
  'portal', 'tech', 'site', 'static', 'assets', 'cdn', 'media', 'files', 'img', 'images', 'uploads', 'download', 'downloads',
  'status', 'health', 'metrics', 'monitor', 'help', 'helpdesk', 'support', 'docs', 'doc', 'blog', 'news', 'about', 'contact',
  'legal', 'terms', 'privacy', 'security', 'trust', 'abuse', 'billing', 'pay', 'payments', 'checkout', 'invoice', 'invoices',
  'account', 'accounts', 'login', 'logout', 'signin', 'signup', 'register', 'auth', 'oauth', 'sso', 'id', 'identity', 'verify',
  'password', 'reset', 'new', 'home', 'dev', 'test', 'testing', 'demo', 'staging', 'stage', 'prod', 'production', 'preview',
  'sandbox', 'beta', 'alpha', 'qa', 'uat', 'internal', 'intranet', 'local', 'localhost', 'localdomain', 'broadcasthost',
  // mail, DNS and the hosts clients guess
  'mail', 'email', 'webmail', 'smtp', 'imap', 'pop', 'pop3', 'mx', 'ns', 'dns', 'ftp', 'sftp', 'autodiscover', 'autoconfig',
  'wpad', 'isatap', 'mta-sts', 'postmaster', 'hostmaster', 'webmaster', 'noreply', 'no-reply', 'mailer-daemon', 'vpn', 'proxy',
  'gateway', 'cpanel', 'whm', 'webdisk',
];

/** The reasons a slug is refused, each a message key under errors.validation. */
export type SlugProblem = { key: 'slug' } | { key: 'slugPunycode' } | { key: 'slugHyphens' } | { key: 'slugReserved' } | { key: 'slugLooksReserved'; params: { name: string } };

const MULTI: [string, string][] = [
  ['rn', 'm'],
  ['vv', 'w'],
];
const SINGLE: Record<string, string> = { '0': 'o', '1': 'l', '2': 'z', '3': 'e', '4': 'a', '5': 's', '6': 'b', '7': 't', '8': 'b', '9': 'g', i: 'l' };

/** What a slug looks like, folded: two slugs with one skeleton are look-alikes. */
export function slugSkeleton(slug: string): string {
  let s = slug.toLowerCase().replaceAll('-', '');
  for (const [from, to] of MULTI) s = s.replaceAll(from, to);
  return [...s].map((c) => SINGLE[c] ?? c).join('');
}

/**
 * The same skeleton in SQL, for the migration that filled Tenant.slugSkeleton for tenants older than
 * the rule (`slug` names the column). Kept beside slugSkeleton; a test holds the two equal.
 */
export const SLUG_SKELETON_SQL = `translate(replace(replace(replace(lower(slug), '-', ''), 'rn', 'm'), 'vv', 'w'), '0123456789i', 'olzeasbtbgl')`;

const RESERVED = new Set(RESERVED_SLUGS);
const RESERVED_BY_SKELETON = new Map(RESERVED_SLUGS.map((name) => [slugSkeleton(name), name] as const));

/** Why a slug may not be taken (before looking at other tenants), or null. */
export function slugProblem(slug: string): SlugProblem | null {
  if (slug.includes('xn--')) return { key: 'slugPunycode' };
  if (!SLUG_PATTERN.test(slug)) return { key: 'slug' };
  if (slug.includes('--')) return { key: 'slugHyphens' };
  // Alone, or numbered: ns1, www2, mail-01.
  const candidates = [slug, slug.replace(/-?\d+$/, '')].filter((s) => s !== '');
  if (candidates.some((s) => RESERVED.has(s))) return { key: 'slugReserved' };
  for (const candidate of candidates) {
    const name = RESERVED_BY_SKELETON.get(slugSkeleton(candidate));
    if (name) return { key: 'slugLooksReserved', params: { name } };
  }
  return null;
}
