import { router, staffProcedure } from '@/server/api/trpc';
import { dashboard, ZDashboard, ZDashboardInput } from '@/server/services/dashboard/dashboard';

/** C14: the help desk's dashboard. */
export const dashboardRouter = router({
  /** Every chart's figures for a period (the current month by default), optionally following the grid's search. */
  get: staffProcedure('dashboard.read').input(ZDashboardInput).output(ZDashboard).query(({ ctx, input }) => dashboard(ctx.caller, input)),
});
