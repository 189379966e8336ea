// The twin of test-database-a.test.ts: the tenant that file writes is never seen here,
// whichever of the two runs first or whether they run at the same time.
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';

describe('a second test file', () => {
  it('has a different, empty database', async () => {
    expect(await db().tenant.findUnique({ where: { slug: 'solo-este-archivo' } })).toBeNull();
    await db().tenant.create({ data: { slug: 'solo-este-archivo', name: 'Otro', country: 'CO', timeZone: 'America/Bogota', currency: 'COP' } });
    expect(await db().tenant.count()).toBe(1);
  });
});
