// Which kind of host a request came to: the root domain, a tenant's subdomain or a custom domain.
// Pure, so the proxy can use it without touching the database.

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** Host without port, lower-cased. */
export function hostname(host: string): string {
  return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

export type HostKind = { kind: 'root' } | { kind: 'subdomain'; slug: string } | { kind: 'custom'; host: string };

export function classifyHost(host: string, rootDomain: string): HostKind {
  const name = hostname(host);
  const root = hostname(rootDomain);
  if (name === root || name === `www.${root}`) return { kind: 'root' };
  if (name.endsWith(`.${root}`)) {
    const slug = name.slice(0, -(root.length + 1));
    if (SLUG_PATTERN.test(slug)) return { kind: 'subdomain', slug };
  }
  return { kind: 'custom', host: name };
}
