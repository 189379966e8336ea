import { describe, expect, it } from 'vitest';
import { normalizeText, searchTokens } from '@/lib/text';
import { classifyHost, hostname } from '@/lib/hosts';
import { customerSearchText } from '@/server/services/customers/search-text';

describe('search text', () => {
  it('folds accents and case', () => {
    expect(normalizeText('  Sin Conexión  ÑANDÚ ')).toBe('sin conexion nandu');
  });

  it('splits a query into escaped tokens; tax ids lose their separators', () => {
    expect(searchTokens('García  20-12345678-6')).toEqual(['garcia', '20123456786']);
    expect(searchTokens('50%_off')).toEqual(['50\\%\\_off']);
    expect(searchTokens('   ')).toEqual([]);
  });

  it('indexes name, code, tax id and e-mails together', () => {
    expect(customerSearchText({ name: 'José Núñez', code: 'A-7', taxId: '30123456', emails: ['JOSE@x.com'] })).toBe('jose nunez a-7 30123456 jose@x.com');
  });
});

describe('hosts', () => {
  it('classifies root, subdomains and custom domains', () => {
    expect(hostname('Demo.Localhost:3000')).toBe('demo.localhost');
    expect(classifyHost('localhost:3000', 'localhost')).toEqual({ kind: 'root' });
    expect(classifyHost('www.antena.app', 'antena.app')).toEqual({ kind: 'root' });
    expect(classifyHost('demo.localhost:3000', 'localhost')).toEqual({ kind: 'subdomain', slug: 'demo' });
    expect(classifyHost('a.b.antena.app', 'antena.app')).toEqual({ kind: 'custom', host: 'a.b.antena.app' });
    expect(classifyHost('soporte.fibrasur.com.ar', 'antena.app')).toEqual({ kind: 'custom', host: 'soporte.fibrasur.com.ar' });
  });
});
