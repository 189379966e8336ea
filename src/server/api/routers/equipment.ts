// G7: a customer's sites and equipment — from the customer's page (the office, `equipment.manage`)
// and through a ticket the caller may see (`equipment.read` / `equipment.edit`: technicians, a
// partner company's people on its tickets). The technician app's changes arrive through tech.send.
import { z } from 'zod';
import { router, staffProcedure } from '@/server/api/trpc';
import * as equipment from '@/server/services/customers/equipment';
import {
  ZCustomerEquipment,
  ZEquipmentCreate,
  ZEquipmentUpdate,
  ZSaved,
  ZSiteCreate,
  ZSiteUpdate,
  ZTicketEquipmentCreate,
  ZTicketEquipmentRemove,
  ZTicketEquipmentUpdate,
} from '@/server/services/customers/equipment';

const ZId = z.object({ id: z.uuid() });

export const equipmentRouter = router({
  ofCustomer: staffProcedure('equipment.manage').input(z.object({ customerId: z.uuid() })).output(ZCustomerEquipment).query(({ ctx, input }) => equipment.customerEquipment(ctx.caller, input.customerId)),
  create: staffProcedure('equipment.manage').input(ZEquipmentCreate).output(ZSaved).mutation(({ ctx, input }) => equipment.createEquipment(ctx.caller, input)),
  update: staffProcedure('equipment.manage').input(ZEquipmentUpdate).output(ZSaved).mutation(({ ctx, input }) => equipment.updateEquipment(ctx.caller, input)),
  remove: staffProcedure('equipment.manage').input(ZId).output(ZSaved).mutation(({ ctx, input }) => equipment.removeEquipment(ctx.caller, input.id)),
  createSite: staffProcedure('equipment.manage').input(ZSiteCreate).output(ZSaved).mutation(({ ctx, input }) => equipment.createSite(ctx.caller, input)),
  updateSite: staffProcedure('equipment.manage').input(ZSiteUpdate).output(ZSaved).mutation(({ ctx, input }) => equipment.updateSite(ctx.caller, input)),
  removeSite: staffProcedure('equipment.manage').input(ZId).output(ZSaved).mutation(({ ctx, input }) => equipment.removeSite(ctx.caller, input.id)),
  /** Through a ticket the caller may see: its customer's sites and equipment. */
  ofTicket: staffProcedure('equipment.read').input(z.object({ ticketId: z.uuid() })).output(ZCustomerEquipment).query(({ ctx, input }) => equipment.ticketEquipment(ctx.caller, input.ticketId)),
  ticketCreate: staffProcedure('equipment.edit').input(ZTicketEquipmentCreate).output(ZSaved).mutation(({ ctx, input }) => equipment.createTicketEquipment(ctx.caller, input)),
  ticketUpdate: staffProcedure('equipment.edit').input(ZTicketEquipmentUpdate).output(ZSaved).mutation(({ ctx, input }) => equipment.updateTicketEquipment(ctx.caller, input)),
  ticketRemove: staffProcedure('equipment.edit').input(ZTicketEquipmentRemove).output(ZSaved).mutation(({ ctx, input }) => equipment.removeTicketEquipment(ctx.caller, input)),
});
