// The shapes the technician app keeps on the device (no Dexie here: views import these types only,
// and Dexie itself runs in the device engine's worker, ./engine-worker.ts).
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/api/root';

type Outputs = inferRouterOutputs<AppRouter>['tech'];
export type EquipmentType = 'ROUTER' | 'ONT' | 'ANTENNA' | 'SWITCH' | 'DECODER' | 'OTHER';
export type EquipmentChangeFields = { type?: EquipmentType; brand?: string; model?: string; serial?: string | null; note?: string | null };
export type Snapshot = Outputs['snapshot'];
export type TechTicket = Outputs['ticket'];
export type TechListItem = Outputs['list'][number];
export type TechHome = Outputs['home'];

/** One change made on the device, waiting to reach the server. */
export type QueuedChange = {
  seq?: number;
  /** Made once on the device: the server applies the change once per key (E9). */
  key: string;
  ticketId: string;
  ticketNumber: number;
  createdAt: Date;
  /** pending: to send; failed: the server refused it (reason kept) — retried or discarded by the person. */
  status: 'pending' | 'failed';
  error?: string;
  /** Bytes sent so far of a photo upload, for its progress. */
  progress?: number;
} & (
  | { kind: 'comment'; body: string; public: boolean }
  | { kind: 'update'; version: number; stateId?: string; stateName?: string; kilometres?: number | null }
  | { kind: 'files'; files: Blob[]; names: string[]; toCustomer: boolean; /** G11: a new version of this image (annotated or signed). */ sourceFileId?: string }
  /** G8: a product's line set to a quantity, or removed (null); its name for the list of changes. */
  | { kind: 'product'; productId: string; productName: string; quantity: number | null; sold?: boolean }
  /** G9: what was collected, as typed, and how. */
  | { kind: 'collect'; amount: string; method: 'CASH' | 'CARD' | 'TRANSFER' | 'OTHER' }
  /** G7: the ticket's customer's equipment added (id made on the device), corrected or removed; its label for the list of changes. */
  | { kind: 'equipment'; customerId: string; id: string; action: 'create' | 'update' | 'remove'; fields?: EquipmentChangeFields; label: string }
  | { kind: 'signature'; name: string; /** base64 PNG */ image: string; signedAt: string; latitude?: number | null; longitude?: number | null; accuracy?: number | null }
);

