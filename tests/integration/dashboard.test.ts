// C14: the dashboard. Its figures are kept by the database's triggers (TicketStat, TicketRatingStat)
// and read back through dashboard.get; after any series of changes — tickets created, saved, moved
// to other days, deleted, rated, the tenant's time zone changed — every figure equals a count made
// here, in TypeScript, over the tickets as stored. Plus who may read it, and bad periods.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { forgetTenantCache } from '@/server/services/tenants/resolve';
import { dayIn } from '@/lib/format';
import { monthOf, resolutionBucket } from '@/lib/dashboard';
import { httpCall } from '../factories/http';
import { asStaff, createCustomer, createTenant, rejects, twoTenantsWithStaff, type StaffOfEveryRole, type TestTenant } from '../factories';

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let states: { id: string; stage: 'PENDING' | 'FINISHED' | 'CLOSED' }[];
let categories: string[];
let customerId: string;
const COMPLEXITY = ['HIGH', 'MEDIUM', 'LOW', null] as const;
const TIME_ZONES = ['America/Argentina/Buenos_Aires', 'Europe/Rome', 'Pacific/Kiritimati', 'America/Bogota'];

beforeAll(async () => {
  ({ a, A, B } = await twoTenantsWithStaff());
  const config = await A.ADMIN.ticketConfig.get();
  states = config.states.map((s) => ({ id: s.id, stage: s.stage }));
  // A second pending state, so "unresolved by state" has more than one bar.
  const extra = await A.ADMIN.ticketConfig.states.create({ name: 'En espera de repuesto', stage: 'PENDING' });
  states.push({ id: extra.id, stage: 'PENDING' });
  categories = config.categories.map((c) => c.id);
  customerId = (await createCustomer(a, { name: 'Cliente Tablero' })).id;
}, 60_000);

type Stored = { id: string; stage: string; stateId: string; categoryId: string | null; assigneeId: string | null; complexity: string | null; openedAt: Date; finishedAt: Date | null; dueAt: Date | null };

/** The figures, counted here from the stored tickets and ratings of the period (days in the tenant's calendar). */
/** Without a search, the ratings given in the period; with one (`only`), the ratings of the matching tickets. */
async function expected(tenantId: string, period: { from: string | null; to: string | null }, only?: (t: Stored) => boolean) {
  const [tenant, tickets, ratings] = await Promise.all([
    db().tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timeZone: true } }),
    db().ticket.findMany({ where: { tenantId }, select: { id: true, stage: true, stateId: true, categoryId: true, assigneeId: true, complexity: true, openedAt: true, finishedAt: true, dueAt: true } }),
    db().ticketRating.findMany({ where: { tenantId }, select: { rating: true, createdAt: true, ticketId: true } }),
  ]);
  const inPeriod = (at: Date) => {
    const day = dayIn(at, tenant.timeZone);
    return (!period.from || day >= period.from) && (!period.to || day <= period.to);
  };
  const now = Date.now();
  const mine = tickets.filter((t) => inPeriod(t.openedAt) && (!only || only(t)));
  const pending = mine.filter((t) => t.stage === 'PENDING');
  const buckets = mine
    .filter((t) => t.stage !== 'PENDING' && t.finishedAt)
    .map((t) => resolutionBucket((t.finishedAt!.getTime() - t.openedAt.getTime()) / 3_600_000))
    .sort((x, y) => x - y);
  const rank = (p: number) => (buckets.length ? buckets[Math.max(1, Math.ceil(p * buckets.length)) - 1]! : null);
  const count = <K extends string>(list: Stored[], key: (t: Stored) => K) => {
    const out: Record<string, number> = {};
    for (const t of list) out[key(t)] = (out[key(t)] ?? 0) + 1;
    return out;
  };
  const ids = new Set(mine.map((t) => t.id));
  const rated = ratings.filter((r) => (only ? ids.has(r.ticketId) : inPeriod(r.createdAt)));
  return {
    totals: {
      total: mine.length,
      pending: pending.length,
      unassigned: pending.filter((t) => !t.assigneeId).length,
      resolved: mine.length - pending.length,
      overdue: pending.filter((t) => t.dueAt && t.dueAt.getTime() < now).length,
    },
    byState: count(pending, (t) => t.stateId),
    byCategory: count(mine, (t) => `${t.categoryId ?? 'none'}:${t.stage}`),
    byAssignee: count(mine.filter((t) => t.assigneeId), (t) => `${t.assigneeId}:${t.complexity ?? 'NONE'}`),
    resolution: { count: buckets.length, medianHours: rank(0.5), p90Hours: rank(0.9) },
    satisfaction: { count: rated.length, sum: rated.reduce((s, r) => s + r.rating, 0) },
  };
}

/** The same shape, from what dashboard.get answered. */
function answered(d: Awaited<ReturnType<StaffOfEveryRole['ADMIN']['dashboard']['get']>>) {
  const f = d.figures;
  const byCategory: Record<string, number> = {};
  for (const c of f.byCategory) for (const stage of ['PENDING', 'FINISHED', 'CLOSED'] as const) if (c[stage]) byCategory[`${c.categoryId ?? 'none'}:${stage}`] = c[stage];
  const byAssignee: Record<string, number> = {};
  for (const x of f.byAssignee) for (const k of ['HIGH', 'MEDIUM', 'LOW', 'NONE'] as const) if (x[k]) byAssignee[`${x.assigneeId}:${k}`] = x[k];
  return {
    totals: f.totals,
    byState: Object.fromEntries(f.byState.map((s) => [s.stateId, s.n])),
    byCategory,
    byAssignee,
    resolution: { count: f.resolution.count, medianHours: f.resolution.medianHours, p90Hours: f.resolution.p90Hours },
    satisfaction: { count: f.satisfaction.count, sum: f.satisfaction.byRating.reduce((s, r) => s + r.rating * r.n, 0) },
  };
}

const action = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), state: fc.nat(9), category: fc.option(fc.nat(9)), assign: fc.option(fc.constantFrom('OPERATOR', 'TECHNICIAN', 'SUPERVISOR') as fc.Arbitrary<'OPERATOR' | 'TECHNICIAN' | 'SUPERVISOR'>), complexity: fc.constantFrom(...COMPLEXITY), dueHours: fc.option(fc.integer({ min: -200, max: 200 })), customer: fc.boolean() }),
  fc.record({ kind: fc.constant('save' as const), pick: fc.nat(), state: fc.option(fc.nat(9)), category: fc.option(fc.nat(9)), assign: fc.option(fc.constantFrom('OPERATOR', 'TECHNICIAN')), complexity: fc.option(fc.constantFrom(...COMPLEXITY)) }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), daysBack: fc.integer({ min: 0, max: 900 }), hours: fc.integer({ min: 0, max: 9000 }), minutes: fc.nat(59) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('rate' as const), pick: fc.nat(), rating: fc.integer({ min: 1, max: 5 }), daysBack: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ kind: fc.constant('timeZone' as const), zone: fc.constantFrom(...TIME_ZONES) }),
);
type Action = typeof action extends fc.Arbitrary<infer T> ? T : never;

async function apply(x: Action) {
  const ids = async () => (await db().ticket.findMany({ where: { tenantId: a.id }, select: { id: true, version: true }, orderBy: { number: 'asc' } }));
  const pickOf = async (n: number) => {
    const list = await ids();
    return list.length ? list[n % list.length]! : null;
  };
  switch (x.kind) {
    case 'create':
      await A.ADMIN.tickets.create({
        description: 'Ticket del tablero',
        stateId: states[x.state % states.length]!.id,
        categoryId: x.category === null ? undefined : categories[x.category % categories.length],
        assigneeId: x.assign ? A.ids[x.assign] : undefined,
        complexity: x.complexity,
        dueAt: x.dueHours === null ? undefined : new Date(Date.now() + x.dueHours * 3_600_000 + (x.dueHours < 0 ? 0 : 86_400_000)),
        customerId: x.customer ? customerId : undefined,
      }).catch((e: Error) => {
        // A due date before today is refused at creation: the refusal is the product's, not the test's.
        if (!/dueBeforeOpening|fecha/i.test(JSON.stringify(e))) throw e;
      });
      return;
    case 'save': {
      const t = await pickOf(x.pick);
      if (!t) return;
      const state = x.state === null ? undefined : states[x.state % states.length]!.id;
      await A.ADMIN.tickets
        .update({
          id: t.id,
          version: t.version,
          stateId: state,
          categoryId: x.category === null ? undefined : categories[x.category % categories.length],
          assigneeId: x.assign ? A.ids[x.assign] : undefined,
          complexity: x.complexity ?? undefined,
        })
        .catch(() => undefined); // a save the rules refuse changes nothing: that is part of the property
      return;
    }
    case 'move': {
      // Raw, like an import or a data fix: opened days ago, finished (if it is) hours later.
      const t = await pickOf(x.pick);
      if (!t) return;
      const openedAt = new Date(Date.now() - x.daysBack * 86_400_000 - x.minutes * 60_000);
      const row = await db().ticket.findUniqueOrThrow({ where: { id: t.id }, select: { stage: true } });
      await db().ticket.update({ where: { id: t.id }, data: { openedAt, finishedAt: row.stage === 'PENDING' ? null : new Date(openedAt.getTime() + x.hours * 3_600_000 + x.minutes * 60_000) } });
      return;
    }
    case 'delete': {
      const t = await pickOf(x.pick);
      if (t) await db().ticket.delete({ where: { id: t.id } });
      return;
    }
    case 'rate': {
      const t = await pickOf(x.pick);
      if (!t) return;
      const createdAt = new Date(Date.now() - x.daysBack * 86_400_000);
      await db().ticketRating.upsert({
        where: { tenantId_ticketId: { tenantId: a.id, ticketId: t.id } },
        create: { tenantId: a.id, ticketId: t.id, customerId, rating: x.rating, createdAt },
        update: { rating: x.rating, createdAt },
      });
      return;
    }
    case 'timeZone':
      await db().tenant.update({ where: { id: a.id }, data: { timeZone: x.zone } });
      forgetTenantCache();
      return;
  }
}

describe('dashboard figures', () => {
  it('equal a direct count over the tickets after any series of changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), async (actions, back1, back2) => {
        for (const x of actions) await apply(x);
        const admin = await asStaff(a, a.adminId);
        const { timeZone } = await db().tenant.findUniqueOrThrow({ where: { id: a.id }, select: { timeZone: true } });
        const today = dayIn(new Date(), timeZone);
        const day = (back: number) => dayIn(new Date(Date.now() - back * 86_400_000), timeZone);
        const [from, to] = [day(Math.max(back1, back2)), day(Math.min(back1, back2))];
        for (const [period, bounds] of [
          [{ kind: 'all' }, { from: null, to: null }],
          [{ kind: 'month' }, monthOf(today)],
          [{ kind: 'range', from, to }, { from, to }],
          [{ kind: 'range', from }, { from, to: null }],
        ] as const) {
          const got = await admin.dashboard.get({ period });
          expect(got.searched).toBe(false);
          expect(got.period).toMatchObject(bounds);
          expect(answered(got), JSON.stringify(period)).toEqual(await expected(a.id, bounds));
        }
        // Following the grid's search: counted over the matching tickets, the same figures.
        const searched = await admin.dashboard.get({ period: { kind: 'all' }, filters: { complexity: 'HIGH' } });
        expect(searched.searched).toBe(true);
        expect(answered(searched)).toEqual(await expected(a.id, { from: null, to: null }, (t) => t.complexity === 'HIGH'));
      }),
      { numRuns: 25 },
    );
  }, 600_000);

  it('buckets resolution times in the database as src/lib/dashboard.ts does', async () => {
    const hours = [0, 0.5, 0.99, 1, 1.01, 23.9, 47.99, 48, 49, 71.5, 72, 719.9, 720, 721, 1439, 1440, 8759, 8760, 9000, 100_000];
    const rows = await db().$queryRawUnsafe<{ h: number }[]>(
      `SELECT antena_resolution_hours('CLOSED', '2026-01-01 00:00:00'::timestamp, '2026-01-01 00:00:00'::timestamp + make_interval(secs => x * 3600)) AS h FROM unnest($1::float8[]) WITH ORDINALITY AS u(x, i) ORDER BY i`,
      hours,
    );
    expect(rows.map((r) => r.h)).toEqual(hours.map(resolutionBucket));
  });
});

describe('dashboard figures and deletions', () => {
  it('a tenant deleted with its tickets and ratings takes its figures along, and nothing fails', async () => {
    const gone = await createTenant();
    const admin = await asStaff(gone, gone.adminId);
    const customer = await createCustomer(gone);
    const { id } = await admin.tickets.create({ description: 'Se va con su empresa', customerId: customer.id });
    await db().ticketRating.create({ data: { tenantId: gone.id, ticketId: id, customerId: customer.id, rating: 4 } });
    expect(await db().ticketStat.count({ where: { tenantId: gone.id } })).toBeGreaterThan(0);
    await db().tenant.delete({ where: { id: gone.id } });
    expect(await db().ticketStat.count({ where: { tenantId: gone.id } })).toBe(0);
    expect(await db().ticketRatingStat.count({ where: { tenantId: gone.id } })).toBe(0);
  });
});

describe('dashboard.get access', () => {
  it('the office reads it; a technician may not', async () => {
    for (const role of ['ADMIN', 'SUPERVISOR', 'OPERATOR'] as const) expect((await A[role].dashboard.get({})).period.kind).toBe('month');
    await rejects(A.TECHNICIAN.dashboard.get({}), 'FORBIDDEN');
  });

  it('another tenant reads its own figures, nothing of this one', async () => {
    const mine = await B.ADMIN.tickets.create({ description: 'Ticket de B' });
    const got = await B.ADMIN.dashboard.get({ period: { kind: 'all' } });
    expect(got.figures.totals.total).toBe(1);
    const text = JSON.stringify(got);
    for (const id of [...categories, ...states.map((s) => s.id), A.ids.OPERATOR, A.ids.TECHNICIAN]) expect(text).not.toContain(id);
    // A's categories asked as a filter of B's dashboard match nothing of B's.
    const filtered = await B.ADMIN.dashboard.get({ period: { kind: 'all' }, filters: { categoryId: categories[0]! } });
    expect(filtered.figures.totals.total).toBe(0);
    expect(mine.number).toBe(1);
  });

  it('refuses a reversed period and one over ten years, with a translated message', async () => {
    // Over HTTP, as the browser receives it: BAD_REQUEST with the message in the caller's language.
    const ask = (period: unknown) => httpCall({ host: a.host, session: { kind: 'staff', userId: A.ids.OPERATOR, tenantId: a.id }, path: 'dashboard.get', type: 'query', input: { period } });
    const reversed = await ask({ kind: 'range', from: '2026-05-02', to: '2026-05-01' });
    expect(reversed.status).toBe(400);
    expect(reversed.body).toContain('La fecha final no puede ser anterior a la inicial.');
    const long = await ask({ kind: 'range', from: '2010-01-01', to: '2026-01-01' });
    expect(long.status).toBe(400);
    expect(long.body).toContain('El período no puede superar los 10 años.');
    // Ten years exactly is a period like any other.
    expect((await ask({ kind: 'range', from: '2016-01-01', to: '2026-01-01' })).status).toBe(200);
  });
});
