// C16/G6: where technicians are. The technician app reports its position while it is open, with the
// technician's consent and during the tenant's working hours; the office sees each technician's last
// position (their profile, the "Técnicos" map) and, when assigning a ticket, each technician's
// straight-line distance to the ticket's connection — from the technician's base when the app sent
// no position in the last LIVE_FOR_MS (G6: "from the live location, or their base address"). Positions are kept 30 days
// (src/server/maintenance/positions.ts deletes older ones).
//
// Reports are throttled here as well as on the device (a minute or 100 m, src/lib/live-location.ts): a device that reports too
// often — an old app, a bug, a replayed request — stores no more than one row a minute unless it
// moved 100 m. Two reports of one technician at once are decided one after the other (an advisory
// lock per technician for the transaction), so both cannot pass the check together.
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { dueForReport } from '@/lib/live-location';
import { haversineKm } from '@/lib/route';
import { withinWorkingHours } from '@/lib/working-hours';
import { notFound } from '@/server/errors';
import type { StaffCaller } from '@/server/services/caller';
import { ZLatitude, ZLongitude } from '@/server/services/customers/schemas';

/** Positions older than this are purged. */
export const KEEP_DAYS = 30;
/** A device's clock may run this far ahead of the server's: such a time is taken as now, not refused. */
const CLOCK_SKEW_MS = 2 * 60_000;
const DAY_MS = 86_400_000;

export const ZPositionReport = z
  .object({
    latitude: ZLatitude,
    longitude: ZLongitude,
    /** Metres, as the device reports it (GeolocationCoordinates.accuracy). */
    accuracy: z.number().min(0, { message: 'validation.accuracy' }).max(100_000, { message: 'validation.accuracy' }).optional(),
    /** When the device took it (GeolocationPosition.timestamp); now when absent. */
    recordedAt: z.date().optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.recordedAt) return;
    const now = Date.now();
    if (input.recordedAt.getTime() > now + CLOCK_SKEW_MS) ctx.addIssue({ code: 'custom', path: ['recordedAt'], message: 'validation.positionInFuture' });
    else if (input.recordedAt.getTime() < now - DAY_MS) ctx.addIssue({ code: 'custom', path: ['recordedAt'], message: 'validation.positionTooOld' });
  });

export const ZPositionReported = z.object({
  stored: z.boolean(),
  /** Why it was not stored: outside the tenant's working hours, too soon and too near the last one, or older than the last one. */
  reason: z.enum(['outsideWorkingHours', 'throttled', 'older']).optional(),
});

export const ZPositionsLatest = z.object({ userId: z.uuid().optional() }).default({});

const ZPosition = z.object({ latitude: z.number(), longitude: z.number(), accuracy: z.number().nullable(), recordedAt: z.date() });

/** A technician and their last stored position (null: none in the last 30 days). Its age is the client's to compute. */
export const ZTechnicianPosition = z.object({ userId: z.uuid(), name: z.string(), position: ZPosition.nullable() });

export const ZPositionDistances = z.object({ ticketId: z.uuid() });

/** A position younger than this is where the technician is; an older one gives way to their base, when they have one. */
export const LIVE_FOR_MS = 12 * 3_600_000;

/**
 * A technician's straight-line distance to a ticket's connection (null: the connection or the
 * technician has no known place), measured `from` their live position (recordedAt: when it was sent)
 * or their base (null: neither is known).
 */
export const ZTechnicianDistance = z.object({
  userId: z.uuid(),
  name: z.string(),
  distanceKm: z.number().nullable(),
  from: z.enum(['live', 'base']).nullable(),
  recordedAt: z.date().nullable(),
});

type Reported = z.infer<typeof ZPositionReported>;

/** The signed-in technician's position: stored, or not and why. */
export async function reportPosition(caller: StaffCaller, input: z.output<typeof ZPositionReport>): Promise<Reported> {
  const { db, sql, tenant, actor } = caller;
  const now = new Date();
  const recordedAt = input.recordedAt && input.recordedAt < now ? input.recordedAt : now;
  if (!withinWorkingHours(recordedAt, tenant.timeZone, tenant.settings.techApp.workingHours)) return { stored: false, reason: 'outsideWorkingHours' };
  const here = { lat: input.latitude, lng: input.longitude };
  return db.$transaction(async (tx) => {
    await sql.execute(tx, (s) => Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${s.tenant}::text || ${actor.id}, 0))`);
    const last = await tx.technicianPosition.findFirst({
      where: { userId: actor.id },
      orderBy: { recordedAt: 'desc' },
      select: { latitude: true, longitude: true, recordedAt: true },
    });
    if (last) {
      if (recordedAt <= last.recordedAt) return { stored: false, reason: 'older' } satisfies Reported;
      // A minute after the last one, or 100 m from it (src/lib/live-location.ts, the device's rule too).
      if (!dueForReport({ lat: last.latitude, lng: last.longitude, at: last.recordedAt.getTime() }, { ...here, at: recordedAt.getTime() })) {
        return { stored: false, reason: 'throttled' } satisfies Reported;
      }
    }
    await tx.technicianPosition.create({
      data: { tenantId: caller.tenantId, userId: actor.id, latitude: input.latitude, longitude: input.longitude, accuracy: input.accuracy ?? null, recordedAt },
    });
    return { stored: true } satisfies Reported;
  });
}

type LatestRow = {
  userId: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  accuracy: number | null;
  recordedAt: Date | null;
  baseLatitude: number | null;
  baseLongitude: number | null;
};

/** Technicians (every active one, or the one named) with their last position: one index probe each. */
async function latestRows(caller: StaffCaller, userId?: string): Promise<LatestRow[]> {
  const who = userId ? Prisma.sql`u.id = ${userId}::uuid` : Prisma.sql`u.active`;
  return caller.sql.rows<LatestRow>(
    (s) => Prisma.sql`
      SELECT u.id AS "userId", u.name, p.latitude, p.longitude, p.accuracy, p."recordedAt", u."baseLatitude", u."baseLongitude"
      FROM "User" u
      LEFT JOIN LATERAL (
        SELECT tp.latitude, tp.longitude, tp.accuracy, tp."recordedAt"
        FROM "TechnicianPosition" tp
        WHERE tp."tenantId" = ${s.tenant} AND tp."userId" = u.id
        ORDER BY tp."recordedAt" DESC
        LIMIT 1
      ) p ON TRUE
      WHERE u."tenantId" = ${s.tenant} AND u.role = 'TECHNICIAN'::"Role" AND ${who}
      ORDER BY u.name, u.id`,
  );
}

/** Each active technician's last position, or one technician's (NOT_FOUND when no staff member of this tenant has that id). */
export async function latestPositions(caller: StaffCaller, input: z.output<typeof ZPositionsLatest>) {
  if (input.userId && !(await caller.db.user.findUnique({ where: { id: input.userId }, select: { id: true } }))) throw notFound();
  const rows = await latestRows(caller, input.userId);
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    position: r.recordedAt === null ? null : { latitude: r.latitude!, longitude: r.longitude!, accuracy: r.accuracy, recordedAt: r.recordedAt },
  }));
}

/** G6: every active technician with their straight-line distance to the ticket's connection, nearest first (unknown distances last). */
export async function technicianDistances(caller: StaffCaller, input: z.output<typeof ZPositionDistances>) {
  const ticket = await caller.db.ticket.findUnique({ where: { id: input.ticketId }, select: { connection: { select: { latitude: true, longitude: true } } } });
  if (!ticket) throw notFound();
  const c = ticket.connection;
  const target = c && c.latitude !== null && c.longitude !== null ? { lat: c.latitude, lng: c.longitude } : null;
  const rows = await latestRows(caller);
  const now = Date.now();
  return rows
    .map((r) => {
      const live = r.recordedAt && r.latitude !== null && r.longitude !== null ? { lat: r.latitude, lng: r.longitude, at: r.recordedAt } : null;
      const base = r.baseLatitude !== null && r.baseLongitude !== null ? { lat: r.baseLatitude, lng: r.baseLongitude } : null;
      // A recent position; else the base; else an old position (better than nothing, its age shown).
      const place = live && now - live.at.getTime() < LIVE_FOR_MS ? ('live' as const) : base ? ('base' as const) : live ? ('live' as const) : null;
      const point = place === 'live' ? live : place === 'base' ? base : null;
      return {
        userId: r.userId,
        name: r.name,
        distanceKm: target && point ? haversineKm(target, point) : null,
        from: place,
        recordedAt: place === 'live' ? r.recordedAt : null,
      };
    })
    // Stable: equal distances, and the unknown ones, stay in name order.
    .sort((x, y) => (x.distanceKm === null ? (y.distanceKm === null ? 0 : 1) : y.distanceKm === null ? -1 : x.distanceKm - y.distanceKm));
}
