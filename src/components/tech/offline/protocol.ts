// The messages between the technician app's page and its device engine, which runs in a dedicated
// worker (./engine-worker.ts): the page asks for live queries of the device's copy and queue, and
// calls the engine's operations; the worker answers each query whenever its result changes, and
// each call once. Types only: both sides import this file, neither pulls the other's code.
import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '@/server/api/root';
import type { FlushResult } from './sync';
import type { Meta } from './store';
import type { QueuedChange, TechTicket } from './types';

/** What the page can watch: the server's copy (home, list), the queue in order, one ticket. */
export type LiveQuery = { kind: 'meta' } | { kind: 'queue' } | { kind: 'ticket'; id: string };

export type LiveValue<Q extends LiveQuery> = Q extends { kind: 'meta' }
  ? Meta | undefined
  : Q extends { kind: 'queue' }
    ? QueuedChange[]
    : TechTicket | undefined;

export type PositionReport = inferRouterInputs<AppRouter>['positions']['report'];

/** The engine's operations, as the page calls them (each answers once, or fails with a message). */
export type DeviceCalls = {
  /** Puts changes at the end of the queue, in order (the page then asks for a sync). */
  enqueue(changes: QueuedChange[]): Promise<void>;
  /** Drops a refused change from the queue (the person chose to discard it). */
  discard(seq: number): Promise<void>;
  /** Sends a refused change again (a state change with the ticket's version the device knows now). */
  retry(seq: number): Promise<void>;
  /** Replaces the device's copy of one ticket with the server's current one. */
  saveTicket(ticket: TechTicket): Promise<void>;
  /** Drops a ticket the technician may no longer see from the device. */
  dropTicket(id: string): Promise<void>;
  /** Sends the queue in order and, when all of it went, reads the server's copy again. */
  sync(): Promise<FlushResult>;
  /** C16: the technician's position (the page decides when one is due). */
  reportPosition(input: PositionReport): Promise<void>;
  /** Deletes this person's copy and queue from the device (signing out of a shared phone). */
  erase(): Promise<void>;
};

export type DeviceMethod = keyof DeviceCalls;

export type EngineRequest =
  | { type: 'open'; tenantId: string; userId: string }
  | { type: 'watch'; id: number; query: LiveQuery }
  | { type: 'unwatch'; id: number }
  | { type: 'call'; id: number; method: DeviceMethod; args: unknown[] };

export type EngineReply =
  | { type: 'value'; id: number; value: unknown }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; message: string };
