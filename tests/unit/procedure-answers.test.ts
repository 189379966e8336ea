// Every procedure declares what it answers (.output), and a field that needs a permission is absent
// from the schema a role without it receives (src/lib/answers.ts) — the contract, read off the router.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { requires, restrictedPermissions, schemaForRole } from '@/lib/answers';
import { ROLES } from '@/lib/permissions';
import { appRouter } from '@/server/api/root';
import { answerFor } from '@/server/api/answers';

type Def = { _def: { output?: unknown; meta?: { audience?: string; permission?: string } } };
const procedures = Object.entries((appRouter._def as unknown as { procedures: Record<string, Def> }).procedures);

describe('procedure answers', () => {
  it('every procedure declares an output schema', () => {
    expect(procedures.length).toBeGreaterThan(80);
    expect(procedures.filter(([, p]) => !(p._def.output instanceof z.ZodType)).map(([path]) => path)).toEqual([]);
  });

  it('the answers that carry billing data are the ones the review named, and no other', () => {
    const billing = procedures.filter(([, p]) => restrictedPermissions(p._def.output as z.ZodType).has('billing.read')).map(([path]) => path);
    expect(billing.sort()).toEqual(['catalog.plans', 'customers.get', 'products.list', 'products.ofTicket', 'products.removeLine', 'products.setLine', 'ticketConfig.get', 'tickets.get', 'tickets.list']);
  });

  it('a role without billing.read gets a schema without the billing fields; the office gets the declared one', () => {
    for (const path of ['tickets.get', 'tickets.list', 'catalog.plans', 'customers.get', 'ticketConfig.get']) {
      expect(answerFor(path, 'TECHNICIAN'), path).not.toBeNull();
      for (const role of ['ADMIN', 'SUPERVISOR', 'OPERATOR'] as const) expect(answerFor(path, role), `${path} as ${role}`).toBeNull();
    }
    for (const role of ROLES) expect(answerFor('users.me', role)).toBeNull();
  });

  it('schemaForRole removes restricted fields at any depth, and leaves unrestricted schemas alone', () => {
    const schema = z.object({
      id: z.string(),
      price: requires('billing.read', z.number().nullable()),
      lines: z.array(z.object({ name: z.string(), cost: requires('billing.read', z.number()) })),
      plan: z.object({ name: z.string(), price: requires('billing.read', z.number()) }).nullable(),
    });
    const value = { id: 'x', price: 10, lines: [{ name: 'a', cost: 3 }], plan: { name: 'p', price: 7 }, extra: 'stripped' };
    expect(schemaForRole(schema, 'TECHNICIAN').parse(value)).toEqual({ id: 'x', lines: [{ name: 'a' }], plan: { name: 'p' } });
    expect(schemaForRole(schema, 'OPERATOR')).toBe(schema);
    expect(schema.parse(value)).toEqual({ id: 'x', price: 10, lines: [{ name: 'a', cost: 3 }], plan: { name: 'p', price: 7 } });
    const plain = z.object({ a: z.string() });
    expect(schemaForRole(plain, 'TECHNICIAN')).toBe(plain);
  });
});
