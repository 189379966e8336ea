'use client';
// E5: one ticket in the technician app, with the seed's tabs — detail, customer, attachments, map,
// history, connection — read from the device's copy (so it opens offline) and refreshed from the
// server when online. "Actualizar" opens the update sheet (E6); changes made here and not yet sent
// are listed with the ticket.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Lock, PenLine, Pencil, Signature } from 'lucide-react';
import { useTRPCClient } from '@/trpc/react';
import { Alert, Button } from '@/components/ui/controls';
import { TabList, TabPanel, Tabs } from '@/components/ui/tabs';
import { useStaffContext } from '@/components/shell/permissions';
import { formatDateTime } from '@/lib/format';
import { formatVisit } from '@/lib/visits';
import { formatTaxId } from '@/lib/tax-id';
import { TicketLocation } from '@/components/tickets/ticket-location';
import { WorkStatusBadge } from '@/components/tickets/work-status-badge';
import type { MapTiles } from '@/components/tickets/ticket-map';
import type { TechTicket } from './offline/types';
import { useLive, useTech } from './use-tech';
import { QueuedChanges, SyncStatus } from './sync-status';
import { UpdateSheet } from './tech-update-sheet';
import { TechProducts } from './tech-products';
import { TechEquipment } from './tech-equipment';
import { ImageEditor } from './image-editor';
import { CustomerSignature } from './customer-signature';

const TABS = ['detail', 'customer', 'products', 'files', 'map', 'history', 'connection'] as const;
type Tab = (typeof TABS)[number];

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 border-b border-slate-100 py-1.5 text-sm last:border-0">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="text-right">{children}</dd>
    </div>
  );
}

export function TechTicketView({ id, tiles }: { id: string; tiles: MapTiles }) {
  const t = useTranslations('tech');
  const tv = useTranslations('ticketView');
  const td = useTranslations('documents');
  const te = useTranslations('equipment');
  const tw = useTranslations('workStatus');
  const common = useTranslations('common');
  const client = useTRPCClient();
  const { device, online, go } = useTech();
  const { intl, tenant } = useStaffContext();
  const ticket = useLive({ kind: 'ticket', id });
  const [missing, setMissing] = useState(false);
  const [tab, setTab] = useState<Tab>('detail');
  const [editing, setEditing] = useState(false);
  const [annotating, setAnnotating] = useState<{ id: string; name: string } | null>(null);
  const [signing, setSigning] = useState(false);

  // Online, the server's current ticket replaces the device's copy of it; a ticket the technician may
  // no longer see is dropped from the device.
  useEffect(() => {
    if (!online || !device) return;
    let live = true;
    client.tech.ticket
      .query({ id })
      .then(async (fresh) => {
        if (live) await device.saveTicket(fresh);
      })
      .catch(async (error: { data?: { code?: string } }) => {
        if (live && error.data?.code === 'NOT_FOUND') {
          await device.dropTicket(id);
          setMissing(true);
        }
      });
    return () => {
      live = false;
    };
  }, [client, device, id, online]);

  if (missing) return <Alert>{t('ticketGone')}</Alert>;
  if (ticket === undefined) return <p role="status">{online ? common('loading') : t('notOffline')}</p>;
  const x: TechTicket = ticket;
  const c = x.customer;
  const k = x.connection;
  return (
    <div className="space-y-3">
      <button type="button" onClick={() => go({ name: 'tickets' })} className="text-sm text-brand-700 underline">{t('back')}</button>
      <h1 className="text-xl font-semibold">#{x.number} · {x.title}</h1>
      <SyncStatus />
      <Button className="w-full" onClick={() => setEditing(true)}>
        <Pencil aria-hidden className="h-4 w-4" />
        {t('update.open')}
      </Button>
      {editing ? <UpdateSheet ticket={x} onClose={() => setEditing(false)} onFinished={() => setSigning(true)} /> : null}
      <Button variant="secondary" className="w-full" onClick={() => setSigning(true)}>
        <Signature aria-hidden className="h-4 w-4" />
        {td('customerSign.open')}
      </Button>
      {signing ? <CustomerSignature ticket={x} onClose={() => setSigning(false)} /> : null}
      {annotating ? <ImageEditor ticket={x} file={annotating} onClose={() => setAnnotating(null)} /> : null}
      <QueuedChanges ticketId={x.id} />
      <Tabs value={tab} onValueChange={(v) => setTab(v as Tab)}>
        <TabList label={tv('tabs')} items={TABS.map((v) => ({ value: v, label: t(`tab.${v}`) }))} />
        <TabPanel value={tab} className="rounded-b-lg border border-t-0 border-slate-200 bg-white p-3">
          {tab === 'detail' ? (
            <dl>
              <Row label={t('field.state')}><span data-testid="ticket-state">{x.state.name}</span></Row>
              {/* G3: a copy kept on the device before the work status existed has none. */}
              {x.workStatus ? <Row label={tw('label')}><WorkStatusBadge status={x.workStatus} /></Row> : null}
              <Row label={t('field.opened')}>{formatDateTime(x.openedAt, intl, tenant.timeZone)}</Row>
              {c ? <Row label={t('field.customer')}>{c.name}</Row> : null}
              {c?.phones.length ? <Row label={t('field.phone')}>{c.phones.map((p) => <a key={p} className="block text-brand-700 underline" href={`tel:${p}`}>{p}</a>)}</Row> : null}
              {k ? <Row label={t('field.address')}>{k.address}</Row> : null}
              {x.site ? <Row label={te('workSite')}>{x.site.label} · {x.site.address}</Row> : null}
              {x.equipment ? <Row label={te('ticketEquipment')}>{x.equipment.brand} {x.equipment.model}{x.equipment.serial ? ` · ${x.equipment.serial}` : ''}</Row> : null}
              <Row label={t('field.visit')}>{x.visitStart && x.visitEnd ? formatVisit(x.visitStart, x.visitEnd, intl, tenant.timeZone) : t('noVisit')}</Row>
              <Row label={t('field.priority')}>{x.priority?.name ?? '—'}</Row>
              {x.category ? <Row label={t('field.category')}>{x.category.name}</Row> : null}
              {x.callNumber ? <Row label={t('field.callNumber')}>{x.callNumber}</Row> : null}
              {x.kilometres != null ? <Row label={t('field.kilometres')}>{x.kilometres}</Row> : null}
              <div className="pt-2 text-sm"><p className="whitespace-pre-wrap">{x.description}</p></div>
            </dl>
          ) : null}
          {tab === 'customer' ? (
            c ? (
              <>
              <dl>
                <Row label={t('field.customer')}>{c.name}</Row>
                <Row label={t('field.code')}>{c.code}</Row>
                {c.taxId ? <Row label={t('field.taxId')}>{formatTaxId(c.taxIdType, c.taxId)}</Row> : null}
                <Row label={t('field.status')}>{t(`customerStatus.${c.status}`)}</Row>
                {c.address ? <Row label={t('field.address')}>{c.address}</Row> : null}
                {c.phones.map((p) => <Row key={p} label={t('field.phone')}><a className="text-brand-700 underline" href={`tel:${p}`}>{p}</a></Row>)}
                {c.emails.map((e) => <Row key={e} label={t('field.email')}><a className="text-brand-700 underline" href={`mailto:${e}`}>{e}</a></Row>)}
              </dl>
              <TechEquipment ticket={x} />
              </>
            ) : <p className="text-sm">{t('noCustomer')}</p>
          ) : null}
          {tab === 'files' ? (
            x.files.length ? (
              <ul className="grid grid-cols-2 gap-2" aria-label={t('tab.files')}>
                {x.files.map((f) => (
                  <li key={f.id} className="overflow-hidden rounded-md border border-slate-200 text-xs">
                    <a href={`/api/files/${f.id}`} target="_blank" rel="noopener" className="flex h-24 items-center justify-center bg-slate-50">
                      {f.image ? <img src={`/api/files/${f.id}?variant=thumb`} alt={f.name} className="max-h-24 object-contain" loading="lazy" /> : <span className="p-2">{f.name}</span>}
                    </a>
                    <p className="truncate p-1" title={f.name}>{f.name}</p>
                    {f.sourceFileId ? <p className="truncate px-1 text-slate-600">{td('versionOf', { name: x.files.find((o) => o.id === f.sourceFileId)?.name ?? '…' })}</p> : null}
                    {f.image && online ? (
                      <button type="button" className="m-1 inline-flex items-center gap-1 text-brand-700 underline" onClick={() => setAnnotating({ id: f.id, name: f.name })}>
                        <PenLine aria-hidden className="h-3.5 w-3.5" />
                        {td('editor.open')}
                        <span className="sr-only"> {f.name}</span>
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : <p className="text-sm">{t('noFiles')}</p>
          ) : null}
          {tab === 'map' ? (online ? <TicketLocation connection={k} tiles={tiles} /> : <p className="text-sm">{k ? `${k.address}${k.latitude != null ? ` (${k.latitude.toFixed(5)}, ${k.longitude!.toFixed(5)})` : ''}` : t('noConnection')}</p>) : null}
          {tab === 'history' ? <History ticket={x} /> : null}
          {tab === 'products' ? <TechProducts ticket={x} /> : null}
          {tab === 'connection' ? (
            k ? (
              <dl>
                <Row label={t('field.type')}>{t(`connectionType.${k.type}`)}</Row>
                <Row label={t('field.plan')}>{k.plan ? `${k.plan.name} (${k.plan.downloadMbps}/${k.plan.uploadMbps} Mbps)` : '—'}</Row>
                <Row label={t('field.node')}>{k.node?.name ?? '—'}</Row>
                <Row label={t('field.status')}>{t(`connectionStatus.${k.status}`)}</Row>
                {k.code ? <Row label={t('field.code')}>{k.code}</Row> : null}
                <Row label={t('field.address')}>{k.address}</Row>
                {k.locality ? <Row label={t('field.locality')}>{k.locality.name}</Row> : null}
              </dl>
            ) : <p className="text-sm">{t('noConnection')}</p>
          ) : null}
        </TabPanel>
      </Tabs>
    </div>
  );
}

/** E5/E6: comments and changes, newest first, per person; internal entries carry a lock. */
export function History({ ticket: x }: { ticket: TechTicket }) {
  const t = useTranslations('tech');
  const tv = useTranslations('ticketView');
  const enums = useTranslations('enums');
  const { intl, tenant } = useStaffContext();
  // G3: the work status's codes read as their labels.
  const historyWorkValue = (field: string | null, raw: string | null) => (raw === null ? '—' : field === 'workStatus' ? enums(`workStatus.${raw}` as 'workStatus.ASSIGNED') : raw);
  const entries = [
    ...x.comments.map((c) => ({ id: c.id, at: new Date(c.createdAt), who: c.author?.name ?? c.customer?.name ?? '—', internal: !c.public, text: c.body })),
    ...x.history
      .filter((h) => h.kind === 'field' || h.kind === 'created' || h.kind === 'file')
      .map((h) => ({
        id: h.id,
        at: new Date(h.createdAt),
        who: h.actor?.name ?? '—',
        internal: false,
        text: h.kind === 'created' ? tv('historyCreated') : h.kind === 'file' ? `${t('historyFile')}: ${h.newValue ?? h.oldValue ?? ''}` : tv('historyField', { field: h.field && ['stateId', 'priorityId', 'categoryId', 'assigneeId', 'visit', 'visitProposal', 'visitProposalCustomer', 'startedAt', 'kilometres', 'title', 'dueAt', 'products', 'siteId', 'equipmentId', 'workStatus'].includes(h.field) ? tv(`field.${h.field}` as 'field.title') : (h.field ?? ''), from: historyWorkValue(h.field, h.oldValue), to: historyWorkValue(h.field, h.newValue) }),
      })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  if (!entries.length) return <p className="text-sm">{t('noHistory')}</p>;
  return (
    <ol className="space-y-2" aria-label={t('tab.history')}>
      {entries.map((e) => (
        <li key={e.id} className={`rounded-md p-2 text-sm ${e.internal ? 'bg-amber-50' : 'bg-slate-50'}`}>
          <p className="flex items-center gap-1 text-xs text-slate-600">
            {e.internal ? <Lock aria-label={t('internal')} className="h-3.5 w-3.5" /> : null}
            {e.who} · {formatDateTime(e.at, intl, tenant.timeZone)}
          </p>
          <p className="whitespace-pre-wrap">{e.text}</p>
        </li>
      ))}
    </ol>
  );
}
