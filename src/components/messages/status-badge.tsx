'use client';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/controls';
import type { MESSAGE_STATUSES } from '@/lib/message-filters';

const TONE = { SENT: 'green', NOT_SENT: 'amber', FAILED: 'red', PENDING: 'blue' } as const;

export function StatusBadge({ status }: { status: (typeof MESSAGE_STATUSES)[number] }) {
  const t = useTranslations('messageLog');
  return <Badge tone={TONE[status]}>{t(`status.${status}`)}</Badge>;
}
