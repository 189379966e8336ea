'use client';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/controls';

export function CustomerStatusBadge({ status }: { status: 'ACTIVE' | 'DELETED' }) {
  const t = useTranslations('enums.customerStatus');
  return <Badge tone={status === 'ACTIVE' ? 'green' : 'grey'}>{t(status)}</Badge>;
}

/** E7's colors: green enabled, red blocked, grey no service. */
export function ConnectionStatusBadge({ status }: { status: 'ENABLED' | 'BLOCKED' | 'NO_SERVICE' }) {
  const t = useTranslations('enums.connectionStatus');
  return <Badge tone={status === 'ENABLED' ? 'green' : status === 'BLOCKED' ? 'red' : 'grey'}>{t(status)}</Badge>;
}
