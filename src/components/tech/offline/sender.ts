'use client';
// The technician app's sender (E9): the queue's sender and the reader of the server's copy, with the
// API client they use — loaded by the app's first sync, after the device's database (./engine).
export { flushQueue, refreshSnapshot } from './sync';
export { makeApiClient } from '@/trpc/client';
