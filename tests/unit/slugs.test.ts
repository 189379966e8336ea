// A1 / issue 15 point 6: which subdomains a sign-up may take, as a table (src/lib/slugs.ts), and the
// schema at the sign-up's edge giving each refusal its translated reason.
import { describe, expect, it } from 'vitest';
import { RESERVED_SLUGS, slugProblem, slugSkeleton } from '@/lib/slugs';
import { fieldMessages } from '@/i18n/zod-messages';
import { ZSlug } from '@/server/services/tenants/tenants';

describe('slug rules', () => {
  it.each([
    // the review's examples, exactly reserved
    ['login', 'slugReserved'],
    ['auth', 'slugReserved'],
    ['support', 'slugReserved'],
    ['billing', 'slugReserved'],
    ['webmail', 'slugReserved'],
    ['autodiscover', 'slugReserved'],
    ['wpad', 'slugReserved'],
    ['localhost', 'slugReserved'],
    ['www', 'slugReserved'],
    ['mta-sts', 'slugReserved'],
    ['demo', 'slugReserved'],
    // numbered infrastructure names
    ['ns1', 'slugReserved'],
    ['ns2', 'slugReserved'],
    ['www2', 'slugReserved'],
    ['mail-01', 'slugReserved'],
    // punycode, anywhere in the label
    ['xn--fibrasur-9za', 'slugPunycode'],
    ['mi-xn--isp', 'slugPunycode'],
    ['xn--80ak6aa92e', 'slugPunycode'],
    // doubled hyphens (DNS keeps "ab--" shapes for encoded labels)
    ['fibra--sur', 'slugHyphens'],
    // the shape
    ['-fibra', 'slug'],
    ['fibra-', 'slug'],
    ['fibra_sur', 'slug'],
    ['fibra.sur', 'slug'],
    ['fíbra', 'slug'],
    ['a'.repeat(41), 'slug'],
    ['', 'slug'],
  ])('%s → %s', (slug, key) => {
    expect(slugProblem(slug)?.key).toBe(key);
  });

  it.each([
    ['supp0rt', 'support'],
    ['5upport', 'support'],
    ['l0gin', 'login'],
    ['log-in', 'login'],
    ['1ogin', 'login'],
    ['adrnin', 'admin'],
    ['adm1n', 'admin'],
    ['bi11ing', 'billing'],
    ['vvebmail', 'webmail'],
    ['wvvw', 'www'],
    ['l0calhost', 'localhost'],
    ['auto-discover', 'autodiscover'],
    ['s-u-p-p-o-r-t', 'support'],
    ['l0gin2', 'login'],
    ['ap1', 'api'],
  ])('%s looks like the reserved %s', (slug, name) => {
    expect(slugProblem(slug)).toEqual({ key: 'slugLooksReserved', params: { name } });
  });

  it.each(['fibrasur', 'fibra-sur', 'red-andina', 'acme', 'cooperativa-electrica-1', 'telecable', 'wifi-norte', 'isp24', 'mi-isp', 'conexion-total', 'nodo7'])('%s is free to take', (slug) => {
    expect(slugProblem(slug)).toBeNull();
  });

  it('folds look-alikes into one skeleton, so a tenant’s look-alikes meet it in the database', () => {
    expect(new Set(['fibrasur', 'fibra-sur', 'flbrasur', 'f1brasur', 'fibra-5ur', 'fibrasvr'].map(slugSkeleton)).size).toBe(2); // "fibrasvr" (u→v) is not a look-alike
    expect(slugSkeleton('fibra-sur')).toBe(slugSkeleton('flbrasur'));
    expect(slugSkeleton('modem')).toBe(slugSkeleton('rnodern'));
    expect(slugSkeleton('fibrasur')).not.toBe(slugSkeleton('fibrasur2'));
  });

  it('holds every reserved name itself back, whatever its shape', () => {
    for (const name of RESERVED_SLUGS) expect(slugProblem(name), name).toEqual({ key: 'slugReserved' });
  });

  it('ZSlug gives each refusal its translated reason, naming the reserved look-alike', () => {
    const reason = (slug: string, locale: 'es' | 'en' | 'it' = 'es') => {
      const parsed = ZSlug.safeParse(slug);
      return parsed.success ? null : fieldMessages(locale, parsed.error.issues)._;
    };
    expect(reason('Supp0rt')).toBe('Se parece demasiado a «support», un nombre reservado.');
    expect(reason('supp0rt', 'en')).toBe('Too similar to “support”, a reserved name.');
    expect(reason('supp0rt', 'it')).toBe('Troppo simile a «support», un nome riservato.');
    expect(reason('xn--fibrasur-9za')).toBe('No se aceptan subdominios en punycode (xn--…): usá letras sin acentos, números y guiones.');
    expect(reason('wpad')).toBe('Ese subdominio está reservado.');
    expect(reason('fibra--sur')).toBe('No uses dos guiones seguidos.');
    expect(reason(' Fibra-Sur ')).toBeNull();
    expect(ZSlug.parse(' Fibra-Sur ')).toBe('fibra-sur');
  });
});
