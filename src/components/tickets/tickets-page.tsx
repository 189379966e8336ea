'use client';
// The help desk's main screen: the grid, the dashboard (C14, folded by default) and the form to open a ticket above it.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button, PageHeader } from '@/components/ui/controls';
import { useCan } from '@/components/shell/permissions';
import { TicketCreate } from './ticket-create';
import { TicketGrid } from './ticket-grid';
import { DashboardPanel } from '@/components/dashboard/dashboard-panel';

export function TicketsPage() {
  const t = useTranslations('tickets');
  const can = useCan();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title={t('title')} actions={can('tickets.create') && !creating ? <Button onClick={() => setCreating(true)}>{t('new')}</Button> : null} />
      <div className="space-y-6">
        {creating ? <TicketCreate onDone={() => setCreating(false)} /> : null}
        {can('dashboard.read') ? <DashboardPanel /> : null}
        <TicketGrid />
      </div>
    </>
  );
}
