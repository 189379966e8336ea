'use client';
// G3: a ticket's work status (TO_ASSIGN, ASSIGNED, COMPLETED, EXPIRED) as a colored badge — in the grid's
// column, the ticket's view and the technician app's ticket. Namespaces enums and workStatus.
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/controls';
import type { WorkStatus } from '@/lib/work-status';

const TONE = { TO_ASSIGN: 'grey', ASSIGNED: 'blue', COMPLETED: 'green', EXPIRED: 'red' } as const;

export function WorkStatusBadge({ status }: { status: WorkStatus }) {
  const enums = useTranslations('enums');
  const tw = useTranslations('workStatus');
  return (
    <span data-testid="work-status" data-status={status} title={status === 'EXPIRED' ? tw('expiredHint') : undefined} className="whitespace-nowrap">
      <Badge tone={TONE[status]}>{enums(`workStatus.${status}`)}</Badge>
    </span>
  );
}
