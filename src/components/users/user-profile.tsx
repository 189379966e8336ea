'use client';
// A2/D2: one staff member's profile — their data, how many devices receive their push, and a push
// written by hand from here (the office's way to reach a technician in the street). C16: a
// technician's last position on a map, for roles with positions.read.
import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDateTime } from '@/lib/format';
import { Alert, Badge, Card, PageHeader } from '@/components/ui/controls';
import { useCan, useStaffContext } from '@/components/shell/permissions';
import { MessageDialog } from '@/components/outreach/message-dialog';
import { notFoundOn } from '@/components/ui/not-found';
import { TechnicianLastPosition } from '@/components/positions/technician-last-position';
import { TechnicianBase } from './technician-base';
import type { MapTiles } from '@/components/tickets/ticket-map';

export function UserProfile({ id, tiles }: { id: string; tiles: MapTiles }) {
  const t = useTranslations('users');
  const outreach = useTranslations('outreach');
  const roles = useTranslations('roles');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const user = useQuery(trpc.users.get.queryOptions({ id }));
  const [sent, setSent] = useState<string | null>(null);

  notFoundOn(user.error);
  if (user.error) return <Alert>{user.error.message}</Alert>;
  if (!user.data) return <p role="status">{common('loading')}</p>;
  const u = user.data;
  return (
    <>
      <PageHeader
        title={u.name}
        actions={can('messages.send') ? <MessageDialog target={{ kind: 'user', userId: u.id, name: u.name }} label={outreach('sendPush')} onSent={setSent} /> : null}
      >
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span>{roles(u.role)}</span>
          {u.active ? <Badge tone="green">{t('active')}</Badge> : <Badge>{t('inactive')}</Badge>}
          <Link href="/users" className="text-brand-700 hover:underline">{outreach('profile.back')}</Link>
        </p>
      </PageHeader>
      {sent ? <p role="status" className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm">{sent}</p> : null}
      <Card title={outreach('profile.details')}>
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          <div><dt className="font-medium text-slate-600">{t('email')}</dt><dd>{u.email}</dd></div>
          <div><dt className="font-medium text-slate-600">{t('phone')}</dt><dd>{u.phone ?? '—'}</dd></div>
          <div><dt className="font-medium text-slate-600">{outreach('profile.lastLogin')}</dt><dd>{u.lastLoginAt ? formatDateTime(u.lastLoginAt, intl, tenant.timeZone) : outreach('profile.never')}</dd></div>
          <div><dt className="font-medium text-slate-600">{outreach('profile.pushDevices')}</dt><dd>{outreach('profile.pushDevicesCount', { count: u.pushDevices })}</dd></div>
        </dl>
      </Card>
      {u.role === 'TECHNICIAN' ? <TechnicianBase userId={u.id} base={u.base} manage={can('users.manage')} intl={intl} /> : null}
      {u.role === 'TECHNICIAN' && can('positions.read') ? <TechnicianLastPosition userId={u.id} tiles={tiles} /> : null}
    </>
  );
}
