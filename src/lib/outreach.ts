// D2: the limits of a message written by hand, shared by the server's validation and the dialogs' counters.
export const OUTREACH_LIMITS = {
  /** A push's title. */
  title: 60,
  pushText: 500,
  /** Customers in one send. */
  customers: 500,
} as const;
