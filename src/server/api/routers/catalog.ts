import { z } from 'zod';
import { router, staffProcedure } from '@/server/api/trpc';
import * as catalog from '@/server/services/catalog/catalog';
import { ZCatalogItem, ZLocality, ZLocalityRow, ZNode, ZNodeRow, ZPlan, ZPlanRow } from '@/server/services/catalog/catalog';

const ZId = z.object({ id: z.uuid() });

export const catalogRouter = router({
  localities: staffProcedure('catalog.read').output(z.array(ZLocalityRow)).query(({ ctx }) => catalog.listLocalities(ctx.caller)),
  nodes: staffProcedure('catalog.read').output(z.array(ZNodeRow)).query(({ ctx }) => catalog.listNodes(ctx.caller)),
  plans: staffProcedure('catalog.read').output(z.array(ZPlanRow)).query(({ ctx }) => catalog.listPlans(ctx.caller)),
  createLocality: staffProcedure('catalog.manage').input(ZLocality).output(ZCatalogItem).mutation(({ ctx, input }) => catalog.createCatalogItem(ctx.caller, 'locality', input)),
  createNode: staffProcedure('catalog.manage').input(ZNode).output(ZCatalogItem).mutation(({ ctx, input }) => catalog.createCatalogItem(ctx.caller, 'node', input)),
  createPlan: staffProcedure('catalog.manage').input(ZPlan).output(ZCatalogItem).mutation(({ ctx, input }) => catalog.createCatalogItem(ctx.caller, 'plan', input)),
  updateLocality: staffProcedure('catalog.manage')
    .input(ZLocality.partial().extend(ZId.shape))
    .output(ZCatalogItem)
    .mutation(({ ctx, input: { id, ...data } }) => catalog.updateCatalogItem(ctx.caller, 'locality', id, data)),
  updateNode: staffProcedure('catalog.manage')
    .input(ZNode.partial().extend(ZId.shape))
    .output(ZCatalogItem)
    .mutation(({ ctx, input: { id, ...data } }) => catalog.updateCatalogItem(ctx.caller, 'node', id, data)),
  updatePlan: staffProcedure('catalog.manage')
    .input(ZPlan.partial().extend(ZId.shape))
    .output(ZCatalogItem)
    .mutation(({ ctx, input: { id, ...data } }) => catalog.updateCatalogItem(ctx.caller, 'plan', id, data)),
  deleteLocality: staffProcedure('catalog.manage').input(ZId).output(ZCatalogItem).mutation(({ ctx, input }) => catalog.deleteCatalogItem(ctx.caller, 'locality', input.id)),
  deleteNode: staffProcedure('catalog.manage').input(ZId).output(ZCatalogItem).mutation(({ ctx, input }) => catalog.deleteCatalogItem(ctx.caller, 'node', input.id)),
  deletePlan: staffProcedure('catalog.manage').input(ZId).output(ZCatalogItem).mutation(({ ctx, input }) => catalog.deleteCatalogItem(ctx.caller, 'plan', input.id)),
});
