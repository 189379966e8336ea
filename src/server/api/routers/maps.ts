import { staffProcedure, router } from '@/server/api/trpc';
import * as maps from '@/server/services/maps/connections';
import { ZMapConnections, ZMapExtent, ZMapView } from '@/server/services/maps/connections';

/** E7: the tenant's connections on a map — technicians' app and the back office's "Mapa". */
export const mapsRouter = router({
  /** The connections inside a map's view: points, or grid clusters when there are many (bounded either way). */
  connections: staffProcedure('connections.read').input(ZMapView).output(ZMapConnections).query(({ ctx, input }) => maps.connectionsInView(ctx.caller, input)),
  /** Where the tenant's connections are, to open a map on them (null: none has coordinates). */
  extent: staffProcedure('connections.read').output(ZMapExtent).query(({ ctx }) => maps.connectionsExtent(ctx.caller)),
});
