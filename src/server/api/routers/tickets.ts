import { router, staffProcedure } from '@/server/api/trpc';
import * as tickets from '@/server/services/tickets/tickets';
import { ZCustomerTicket, ZTicketCreate, ZTicketCreated, ZTicketList, ZTicketPage } from '@/server/services/tickets/tickets';
import * as lifecycle from '@/server/services/tickets/lifecycle';
import { ZHistoryEntry, ZTicketUpdate, ZTicketUpdateResult, ZTicketView } from '@/server/services/tickets/lifecycle';
import { z } from 'zod';
import * as comments from '@/server/services/tickets/comments';
import { ZComment, ZCommentAdd, ZCommentAdded, ZTicketSeen } from '@/server/services/tickets/comments';
import { bulkUpdate, ZBulkAction, ZBulkResult } from '@/server/services/tickets/bulk';
import * as files from '@/server/services/tickets/files';
import { ZTicketFile } from '@/server/services/tickets/files';
import * as handOver from '@/server/services/tickets/hand-over';
import * as scheduling from '@/server/services/tickets/scheduling';
import { ZProposeVisit, ZScheduleResult, ZTicketVersion } from '@/server/services/tickets/scheduling';
import { ZHandOver, ZHandOverResult, ZRenounce, ZTakeOver } from '@/server/services/tickets/hand-over';
import * as documents from '@/server/services/tickets/documents';
import { ZConvertedPage, ZConvertPdfPage, ZTicketSignature } from '@/server/services/tickets/documents';

const ZId = z.object({ id: z.uuid() });

export const ticketsRouter = router({
  /** The grid: one tab's page, newest first, with the tabs' counts. */
  list: staffProcedure('tickets.read').input(ZTicketList).output(ZTicketPage).query(({ ctx, input }) => tickets.listTickets(ctx.caller, input)),
  /** C5: with every field, or just a customer and a description (the category's defaults fill the rest). */
  create: staffProcedure('tickets.create').input(ZTicketCreate).output(ZTicketCreated).mutation(({ ctx, input }) => tickets.createTicket(ctx.caller, input)),
  /** C6: the customer's latest tickets, for the ticket view and the customer's page. */
  ofCustomer: staffProcedure('tickets.read').input(z.object({ customerId: z.uuid() })).output(z.array(ZCustomerTicket)).query(({ ctx, input }) => tickets.customerTickets(ctx.caller, input.customerId)),
  /** C6: one ticket with its customer and connection. */
  get: staffProcedure('tickets.read').input(ZId).output(ZTicketView).query(({ ctx, input }) => lifecycle.getTicket(ctx.caller, input.id)),
  /** C12: who changed what, when. */
  history: staffProcedure('tickets.read').input(ZId).output(z.array(ZHistoryEntry)).query(({ ctx, input }) => lifecycle.ticketHistory(ctx.caller, input.id)),
  /** C9/C10: one save for every field; closing and reopening are checked against the permission map. */
  update: staffProcedure('tickets.update').input(ZTicketUpdate).output(ZTicketUpdateResult).mutation(({ ctx, input }) => lifecycle.updateTicket(ctx.caller, input)),
  /** C7: public comments and internal notes, oldest first. */
  comments: staffProcedure('tickets.read').input(ZId).output(z.array(ZComment)).query(({ ctx, input }) => comments.listComments(ctx.caller, input.id)),
  comment: staffProcedure('tickets.comment').input(ZCommentAdd).output(ZCommentAdded).mutation(({ ctx, input }) => comments.addComment(ctx.caller, input)),
  /** C8: the ticket's files the caller may see (uploads go through POST /api/tickets/[id]/files, bytes through /api/files/[id]). */
  files: staffProcedure('tickets.read').input(ZId).output(z.array(ZTicketFile)).query(({ ctx, input }) => files.listFiles(ctx.caller, input.id)),
  /** G11: a PDF's page (the first by default) as a new PNG file beside it, with its visibility. */
  convertPdfPage: staffProcedure('tickets.attach').input(ZConvertPdfPage).output(ZConvertedPage).mutation(({ ctx, input }) => documents.convertPdfPage(ctx.caller, input)),
  /** G11: the customer's signature taken on completion (saved from the technician app's queue, tech.send). */
  signature: staffProcedure('tickets.read').input(ZId).output(ZTicketSignature.nullable()).query(({ ctx, input }) => documents.getSignature(ctx.caller, input.id)),
  removeFile: staffProcedure('tickets.files.delete').input(ZId).output(ZId).mutation(({ ctx, input }) => files.removeFile(ctx.caller, input.id)),
  /** C3: one action on a selection; each ticket is checked on its own, the answer says what was refused. */
  bulk: staffProcedure('tickets.update').input(ZBulkAction).output(ZBulkResult).mutation(({ ctx, input }) => bulkUpdate(ctx.caller, input)),
  /** G2: hand the ticket to a partner company, or back to the ISP itself (companyId null). */
  handOver: staffProcedure('tickets.handOver').input(ZHandOver).output(ZHandOverResult).mutation(({ ctx, input }) => handOver.handOverTicket(ctx.caller, input)),
  /** G2: the company's manager takes over a ticket handed to its company ("Prendi in carico"). */
  takeOver: staffProcedure('tickets.companyTake').input(ZTakeOver).output(ZHandOverResult).mutation(({ ctx, input }) => handOver.takeOverTicket(ctx.caller, input)),
  /** G2: … or renounces it with a reason ("Rinuncia ticket"): it goes back to "to assign". */
  renounce: staffProcedure('tickets.companyTake').input(ZRenounce).output(ZHandOverResult).mutation(({ ctx, input }) => handOver.renounceTicket(ctx.caller, input)),
  /** G5: a visit's slot proposed to the customer (or countering theirs); the customer answers in the portal or through the e-mailed link. */
  proposeVisit: staffProcedure('tickets.schedule').input(ZProposeVisit).output(ZScheduleResult).mutation(({ ctx, input }) => scheduling.proposeVisit(ctx.caller, input)),
  /** G5: the customer's proposal accepted: it becomes the ticket's visit. */
  acceptVisit: staffProcedure('tickets.schedule').input(ZTicketVersion).output(ZScheduleResult).mutation(({ ctx, input }) => scheduling.acceptCustomerProposal(ctx.caller, input)),
  /** G10: "Avvia ticket" — the appointment goes to the technician's app (push), once visit, technician and cost are agreed. */
  start: staffProcedure('tickets.start').input(ZTicketVersion).output(ZScheduleResult).mutation(({ ctx, input }) => scheduling.startTicket(ctx.caller, input)),
  /** C12: the caller opened the ticket; its +N counter starts again. */
  markRead: staffProcedure('tickets.read').input(ZId).output(ZTicketSeen).mutation(({ ctx, input }) => comments.markTicketRead(ctx.caller, input.id)),
});
