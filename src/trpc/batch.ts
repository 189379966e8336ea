// How many tRPC calls one HTTP request may carry, GET or POST: the browser's client splits its batches
// at this size (./react.tsx) and the server refuses larger ones (src/server/api/http-handler.ts).
// A page batches about a dozen at most (a ticket's view and its refreshes).
export const MAX_TRPC_BATCH = 20;
