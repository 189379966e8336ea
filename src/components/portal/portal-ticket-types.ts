import type { RouterOutputs } from '@/trpc/types';

export type PortalTicketData = RouterOutputs['portal']['tickets']['get'];
export type PortalTicketOptions = RouterOutputs['portal']['tickets']['options'];
