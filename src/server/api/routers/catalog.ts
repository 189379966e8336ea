import { z } from 'zod';
import { router, staffProcedure } from '@/server/api/trpc';
import * as catalog from '@/server/services/catalog/catalog';
import { ZLocality, ZNode, ZPlan } from '@/server/services/catalog/catalog';

const ZId = z.object({ id: z.uuid() });

export const catalogRouter = router({
  localities: staffProcedure('catalog.read').query(({ ctx }) => catalog.listLocalities(ctx.caller)),
  nodes: staffProcedure('catalog.read').query(({ ctx }) => catalog.listNodes(ctx.caller)),
  plans: staffProcedure('catalog.read').query(({ ctx }) => catalog.listPlans(ctx.caller)),
  createLocality: staffProcedure('catalog.manage').input(ZLocality).mutation(({ ctx, input }) => catalog.createCatalogItem(ctx.caller, 'locality', input)),
  createNode: staffProcedure('catalog.manage').input(ZNode).mutation(({ ctx, input }) => catalog.createCatalogItem(ctx.caller, 'node', input)),
  createPlan: staffProcedure('catalog.manage').input(ZPlan).mutation(({ ctx, input }) => catalog.createCatalogItem(ctx.caller, 'plan', input)),
  updateLocality: staffProcedure('catalog.manage')
    .input(ZLocality.partial().extend(ZId.shape))
    .mutation(({ ctx, input: { id, ...data } }) => catalog.updateCatalogItem(ctx.caller, 'locality', id, data)),
  updateNode: staffProcedure('catalog.manage')
    .input(ZNode.partial().extend(ZId.shape))
    .mutation(({ ctx, input: { id, ...data } }) => catalog.updateCatalogItem(ctx.caller, 'node', id, data)),
  updatePlan: staffProcedure('catalog.manage')
    .input(ZPlan.partial().extend(ZId.shape))
    .mutation(({ ctx, input: { id, ...data } }) => catalog.updateCatalogItem(ctx.caller, 'plan', id, data)),
  deleteLocality: staffProcedure('catalog.manage').input(ZId).mutation(({ ctx, input }) => catalog.deleteCatalogItem(ctx.caller, 'locality', input.id)),
  deleteNode: staffProcedure('catalog.manage').input(ZId).mutation(({ ctx, input }) => catalog.deleteCatalogItem(ctx.caller, 'node', input.id)),
  deletePlan: staffProcedure('catalog.manage').input(ZId).mutation(({ ctx, input }) => catalog.deleteCatalogItem(ctx.caller, 'plan', input.id)),
});
