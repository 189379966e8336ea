// Which tickets a caller may see (A2, E4, E8) — decided once, here, and applied by the scoped data
// access (./scoped.ts, for Prisma) and the raw-statement door (./sql.ts), so every procedure that
// reads or writes a ticket, its history, comments or files obeys it without remembering to:
// another ticket is simply not found.
//
// Roles holding `tickets.readAll` (the office) see every ticket of the tenant. The others
// (technicians) see the tickets assigned to them — or every ticket when the tenant lets technicians
// see all — and, when the tenant says so, only tickets that are not closed.
//
// G2: a partner company's user (User.companyId) sees only the tickets handed to its company, on top
// of the rest: its manager every one of them, its technicians those assigned to them (or all of the
// company's when the tenant lets technicians see all).
import type { Prisma } from '@/generated/prisma/client';
import { can, type Role } from '@/lib/permissions';
import type { TenantSettings } from '@/server/services/tenants/settings';

/** null: every ticket of the tenant. */
export type TicketVisibility = {
  /** Only tickets handed to this partner company; null: any (the ISP's own caller). */
  companyId?: string | null;
  /** Only tickets assigned to this user; null: any assignee. */
  assigneeId: string | null;
  /** Only tickets whose stage is not CLOSED. */
  onlyOpen: boolean;
} | null;

export function ticketVisibility(actor: { id: string; role: Role; companyId?: string | null }, settings: Pick<TenantSettings, 'techApp'>): TicketVisibility {
  const companyId = actor.companyId ?? null;
  if (companyId) {
    // A company's user sees its company's tickets whatever its role: never the whole tenant's.
    if (actor.role === 'PARTNER_MANAGER') return { companyId, assigneeId: null, onlyOpen: false };
    return { companyId, assigneeId: settings.techApp.seeAllTickets ? null : actor.id, onlyOpen: settings.techApp.onlyOpenTickets };
  }
  if (can(actor.role, 'tickets.readAll')) return null;
  const assigneeId = settings.techApp.seeAllTickets ? null : actor.id;
  const onlyOpen = settings.techApp.onlyOpenTickets;
  return assigneeId === null && !onlyOpen ? null : { assigneeId, onlyOpen };
}

/** The rule as a Prisma filter on a Ticket. */
export function ticketWhere(visibility: TicketVisibility): Prisma.TicketWhereInput | null {
  if (!visibility) return null;
  return {
    ...(visibility.companyId ? { companyId: visibility.companyId } : {}),
    ...(visibility.assigneeId ? { assigneeId: visibility.assigneeId } : {}),
    ...(visibility.onlyOpen ? { stage: { not: 'CLOSED' as const } } : {}),
  };
}

/** A short key naming the rule, for caches of scoped clients. */
export function visibilityKey(visibility: TicketVisibility): string {
  return visibility ? `${visibility.companyId ?? '-'}:${visibility.assigneeId ?? '*'}:${visibility.onlyOpen ? 'open' : 'any'}` : 'all';
}
