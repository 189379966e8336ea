// An invoice's status badge colours, the office's and the portal's alike (overdue: still owed past its due day).
export const INVOICE_STATUS_TONE = {
  UNPAID: 'bg-amber-100 text-amber-900',
  PARTIAL: 'bg-sky-100 text-sky-900',
  PAID: 'bg-emerald-100 text-emerald-900',
  VOID: 'bg-slate-100 text-slate-700',
  OVERDUE: 'bg-red-100 text-red-900',
} as const;
