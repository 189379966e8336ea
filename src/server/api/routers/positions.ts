import { z } from 'zod';
import { router, staffProcedure } from '@/server/api/trpc';
import * as positions from '@/server/services/positions/positions';
import { ZPositionDistances, ZPositionReport, ZPositionReported, ZPositionsLatest, ZTechnicianDistance, ZTechnicianPosition } from '@/server/services/positions/positions';

/** C16/G6: technicians' live location — reported by the technician app, read by the office. */
export const positionsRouter = router({
  /** The signed-in technician's position (throttled: a minute or 100 m; only within working hours). */
  report: staffProcedure('positions.report').input(ZPositionReport).output(ZPositionReported).mutation(({ ctx, input }) => positions.reportPosition(ctx.caller, input)),
  /** Each active technician's last position, or one technician's (their profile). */
  latest: staffProcedure('positions.read').input(ZPositionsLatest).output(z.array(ZTechnicianPosition)).query(({ ctx, input }) => positions.latestPositions(ctx.caller, input)),
  /** G6, when assigning: each active technician's straight-line distance to the ticket's connection, nearest first. */
  distances: staffProcedure('positions.read').input(ZPositionDistances).output(z.array(ZTechnicianDistance)).query(({ ctx, input }) => positions.technicianDistances(ctx.caller, input)),
});
