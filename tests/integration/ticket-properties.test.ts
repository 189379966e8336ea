// Property-based: whatever a client sends to the ticket procedures — any shape, any strings, ids of
// nothing or of another tenant, odd numbers and dates — the answer is a result or a clean, translated
// 4xx; never a 500, never a stack trace, never a half-written ticket.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { createCustomer, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';
import { httpCall } from '../factories/http';

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let pool: string[];
let ticketId: string;
let categoriesA: string[];
beforeAll(async () => {
  ({ a, A, B } = await twoTenantsWithStaff());
  const customer = await createCustomer(a);
  const configA = await A.ADMIN.ticketConfig.get();
  const configB = await B.ADMIN.ticketConfig.get();
  categoriesA = configA.categories.map((c) => c.id);
  ticketId = (await A.OPERATOR.tickets.create({ customerId: customer.id, description: 'Base' })).id;
  // Ids worth trying: this tenant's, the other tenant's, and ones of nothing.
  pool = [
    customer.id,
    ticketId,
    A.ids.TECHNICIAN,
    ...configA.states.map((s) => s.id),
    ...configA.categories.map((c) => c.id),
    configB.states[0]!.id,
    configB.categories[0]!.id,
    B.ids.TECHNICIAN,
    randomUUID(),
  ];
});

// Mostly plausible values, sometimes anything: so that many calls get past validation to the rules.
const anyId = () => fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 4 }, fc.uuid(), fc.string({ maxLength: 40 }), fc.constant(null));
const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 50 }), fc.constant(''), fc.constant(' '.repeat(20)), fc.constant('x'.repeat(20_000)));
const anyValue = fc.oneof(anyText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: false }).map((d) => d.toString()));

const ticketInput = () =>
  fc.record(
    {
      title: fc.oneof({ arbitrary: fc.string({ minLength: 1, maxLength: 60 }), weight: 3 }, anyText),
      description: fc.oneof({ arbitrary: fc.string({ minLength: 1, maxLength: 200 }).filter((x) => x.trim().length > 0), weight: 4 }, anyText),
      callNumber: fc.oneof(anyText, fc.constant(null)),
      customerId: anyId(),
      connectionId: anyId(),
      categoryId: anyId(),
      stateId: anyId(),
      priorityId: anyId(),
      assigneeId: anyId(),
      areaId: anyId(),
      complexity: fc.oneof({ arbitrary: fc.constantFrom('HIGH', 'MEDIUM', 'LOW'), weight: 3 }, fc.constant('EXTREME'), anyValue),
      pqrs: fc.oneof(fc.constantFrom('QUEJA', 'NADA'), fc.constant(null)),
      dueAt: fc.oneof({ arbitrary: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01') }), weight: 3 }, fc.date({ noInvalidDate: false }), anyValue),
      billable: fc.oneof({ arbitrary: fc.boolean(), weight: 3 }, anyValue),
      cost: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 100_000 }), weight: 3 }, fc.double(), anyValue),
      extra: anyValue,
    },
    { requiredKeys: ['description'] },
  );

/** Inputs a real form would send: they should mostly succeed. */
const plausibleInput = () =>
  fc.record(
    {
      description: fc.string({ minLength: 1, maxLength: 200 }).filter((x) => x.trim().length > 0),
      title: fc.string({ maxLength: 60 }),
      complexity: fc.constantFrom('HIGH', 'MEDIUM', 'LOW'),
      billable: fc.boolean(),
      dueAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01') }),
      categoryId: fc.constantFrom(...categoriesA),
    },
    { requiredKeys: ['description'] },
  );

async function expectClean(path: string, input: unknown) {
  const res = await httpCall({ host: a.host, session: { kind: 'staff', userId: A.ids.OPERATOR, tenantId: a.id }, path, input });
  expect(res.status, `${path} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.status !== 200) {
    expect(res.json.error?.json.message).toBeTruthy();
    expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
    expect(res.json.error?.json.message).not.toMatch(/prisma|invalid input syntax|violates/i);
  }
}

describe('ticket procedures under generated input', () => {
  it('tickets.create answers a ticket or a clean 4xx, and a refused creation writes nothing', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(plausibleInput(), ticketInput()), async (input) => {
        const before = await scopedDb(a.id).ticket.count();
        const res = await httpCall({ host: a.host, session: { kind: 'staff', userId: A.ids.OPERATOR, tenantId: a.id }, path: 'tickets.create', input });
        expect(res.status, res.body.slice(0, 300)).toBeLessThan(500);
        const after = await scopedDb(a.id).ticket.count();
        expect(after).toBe(res.status === 200 ? before + 1 : before);
        statuses.add(res.status);
        if (res.status !== 200) expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
      }),
      { numRuns: 80 },
    );
    // The generated inputs reached both outcomes: created tickets and refused ones.
    expect(statuses.has(200)).toBe(true);
    expect(statuses.has(400)).toBe(true);
  });

  it('tickets.update answers a result or a clean 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(ticketInput(), fc.oneof(fc.constant(ticketId), anyId()), fc.oneof(fc.integer({ min: -2, max: 5 }), anyValue), async (input, id, version) => {
        await expectClean('tickets.update', { ...input, id, version });
      }),
      { numRuns: 60 },
    );
  });

  it('tickets.list with any advanced search (ids of anything, odd dates, unknown values) answers a page or a clean 4xx', async () => {
    const day = fc.oneof(
      { arbitrary: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), weight: 3 },
      fc.constantFrom('2026-02-30', '2026-13-01', '1/3/2026', ''),
      anyValue,
    );
    const validDay = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const someId = fc.constantFrom(...pool);
    // What the grid's panel sends: known ids (this tenant's, the other's, of nothing) and valid values.
    const plausible = fc.record(
      { categoryId: someId, stateId: someId, nodeId: someId, assigneeId: fc.oneof(someId, fc.constant('unassigned')), complexity: fc.constantFrom('HIGH', 'LOW'), billable: fc.boolean(), overdue: fc.constant(true), channel: fc.constantFrom('PORTAL', 'BACKOFFICE'), openedFrom: validDay },
      { requiredKeys: [] },
    );
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(plausible, fc.record(
          {
            areaId: anyId(), categoryId: anyId(), priorityId: anyId(), stateId: anyId(), nodeId: anyId(), planId: anyId(), localityId: anyId(),
            assigneeId: fc.oneof(anyId(), fc.constant('unassigned')),
            complexity: fc.oneof(fc.constantFrom('HIGH', 'LOW', 'EXTREME'), anyValue),
            billable: fc.oneof({ arbitrary: fc.boolean(), weight: 3 }, anyValue),
            overdue: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, anyValue),
            pqrs: fc.constantFrom('QUEJA', 'NADA'),
            channel: fc.constantFrom('PORTAL', 'BACKOFFICE', 'FAX'),
            connectionStatus: fc.constantFrom('ENABLED', 'BLOCKED', 'CUT'),
            openedFrom: day,
            openedTo: day,
          },
          { requiredKeys: [] },
        )),
        fc.record({ tab: fc.constantFrom('PENDING', 'FINISHED', 'CLOSED'), sort: fc.constantFrom('number', 'due', 'lastStatus'), query: fc.oneof(fc.constant(undefined), fc.constant('base')) }),
        async (filters, rest) => {
          const res = await httpCall({ host: a.host, session: { kind: 'staff', userId: A.ids.OPERATOR, tenantId: a.id }, path: 'tickets.list', type: 'query', input: { ...rest, filters } });
          expect(res.status, res.body.slice(0, 300)).toBeLessThan(500);
          statuses.add(res.status);
          if (res.status !== 200) {
            expect(res.json.error?.json.message).toBeTruthy();
            expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
          }
        },
      ),
      { numRuns: 80 },
    );
    expect(statuses.has(200)).toBe(true);
    expect(statuses.has(400)).toBe(true);
  });

  it('ticketConfig procedures and comments answer a result or a clean 4xx', async () => {
    const paths = ['ticketConfig.categories.create', 'ticketConfig.states.update', 'ticketConfig.priorities.create', 'ticketConfig.areas.remove', 'tickets.comment', 'tickets.list'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.record(
          { id: anyId(), ticketId: anyId(), name: anyText, body: anyText, public: anyValue, color: anyValue, rank: anyValue, stage: anyValue, areaId: anyId(), customerReasons: fc.oneof(fc.array(anyText, { maxLength: 40 }), anyValue), query: anyText, tab: anyValue, page: anyValue },
          { requiredKeys: [] },
        ),
        async (path, input) => {
          const session = { kind: 'staff' as const, userId: path.startsWith('ticketConfig') ? a.adminId : A.ids.OPERATOR, tenantId: a.id };
          const res = await httpCall({ host: a.host, session, path, input, type: path === 'tickets.list' ? 'query' : 'mutation' });
          expect(res.status, `${path} ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.status !== 200) expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
        },
      ),
      { numRuns: 80 },
    );
  });
});
