'use client';
// G7: a customer's equipment (router, ONT, antenna …) and sites — listed, added, corrected and removed.
// From the customer's page the office works on the customer itself (equipment.manage, sites too);
// from a ticket, through the ticket (equipment.read / equipment.edit), as technicians and a partner
// company's people may. The server decides who reaches what; the panel only follows.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC, useTRPCClient } from '@/trpc/react';
import { EQUIPMENT_TYPES, type EquipmentType } from '@/lib/equipment';
import { Alert, Button, Card, Select, TextArea, TextInput } from '@/components/ui/controls';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan } from '@/components/shell/permissions';

type Scope = { customerId: string } | { ticketId: string };
type Fields = { type: EquipmentType; brand: string; model: string; serial: string | null; note: string | null; siteId: string | null; connectionId?: string | null };
type Row = { id: string; type: EquipmentType; brand: string; model: string; serial: string | null; note: string | null; siteId: string | null; connectionId: string | null };

const text = (f: FormData, name: string) => String(f.get(name) ?? '').trim();

export function CustomerEquipmentPanel({ scope }: { scope: Scope }) {
  const t = useTranslations('equipment');
  const enums = useTranslations('enums');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const can = useCan();
  const byTicket = 'ticketId' in scope;
  const list = useQuery(byTicket ? trpc.equipment.ofTicket.queryOptions({ ticketId: scope.ticketId }) : trpc.equipment.ofCustomer.queryOptions({ customerId: scope.customerId }));
  const editable = byTicket ? can('equipment.edit') : can('equipment.manage');
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [addingSite, setAddingSite] = useState(false);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.equipment.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() });
  };
  const done = async () => {
    setEditing(null);
    await refresh();
  };
  // One mutation each, calling the ticket's procedure or the customer's as the panel was opened.
  const client = useTRPCClient();
  const create = useMutation({
    mutationFn: (fields: Fields) => ('ticketId' in scope ? client.equipment.ticketCreate.mutate({ ticketId: scope.ticketId, ...fields }) : client.equipment.create.mutate({ customerId: scope.customerId, ...fields })),
    onSuccess: done,
  });
  const update = useMutation({
    mutationFn: ({ id, ...fields }: Fields & { id: string }) => ('ticketId' in scope ? client.equipment.ticketUpdate.mutate({ ticketId: scope.ticketId, id, ...fields }) : client.equipment.update.mutate({ id, ...fields })),
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: (id: string) => ('ticketId' in scope ? client.equipment.ticketRemove.mutate({ ticketId: scope.ticketId, id }) : client.equipment.remove.mutate({ id })),
    onSuccess: refresh,
  });
  const createSite = useMutation(trpc.equipment.createSite.mutationOptions({ onSuccess: async () => { setAddingSite(false); await refresh(); } }));
  const removeSite = useMutation(trpc.equipment.removeSite.mutationOptions({ onSuccess: refresh }));
  const saving = editing === 'new' ? create : update;
  const errors = formErrors((saving.error ?? null) as Parameters<typeof formErrors>[0]);
  const removeError = formErrors((remove.error ?? removeSite.error ?? null) as Parameters<typeof formErrors>[0]).message;
  const siteErrors = formErrors(createSite.error);

  if (list.error) return <Card title={t('title')}><Alert>{list.error.message}</Alert></Card>;
  if (!list.data) return null;
  const { sites, equipment, connections } = list.data;
  const siteName = (id: string | null) => sites.find((s) => s.id === id)?.label;
  const connectionName = (id: string | null) => connections.find((c) => c.id === id)?.address;

  function submit(event: FormEvent<HTMLFormElement>, row: Row | null) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const fields: Fields = {
      type: text(f, 'type') as EquipmentType,
      brand: text(f, 'brand'),
      model: text(f, 'model'),
      serial: text(f, 'serial') || null,
      note: text(f, 'note') || null,
      siteId: text(f, 'siteId') || null,
      ...(connections.length ? { connectionId: text(f, 'connectionId') || null } : {}),
    };
    if (row) update.mutate({ id: row.id, ...fields });
    else create.mutate(fields);
  }

  const form = (row: Row | null) => (
    <form noValidate onSubmit={(e) => submit(e, row)} className="space-y-3 rounded-md border border-slate-200 p-3" aria-label={row ? t('edit') : t('add')}>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Select label={t('type')} name="type" defaultValue={row?.type ?? 'ROUTER'} options={EQUIPMENT_TYPES.map((k) => ({ value: k, label: enums(`equipmentType.${k}`) }))} error={errors.field('type')} />
        <TextInput label={t('brand')} name="brand" defaultValue={row?.brand ?? ''} error={errors.field('brand')} />
        <TextInput label={t('model')} name="model" defaultValue={row?.model ?? ''} error={errors.field('model')} />
        <TextInput label={t('serial')} name="serial" defaultValue={row?.serial ?? ''} error={errors.field('serial')} />
        {sites.length ? <Select label={t('site')} name="siteId" defaultValue={row?.siteId ?? ''} options={[{ value: '', label: t('none') }, ...sites.map((s) => ({ value: s.id, label: s.label }))]} error={errors.field('siteId')} /> : null}
        {connections.length ? <Select label={t('connection')} name="connectionId" defaultValue={row?.connectionId ?? ''} options={[{ value: '', label: t('none') }, ...connections.map((c) => ({ value: c.id, label: c.address }))]} error={errors.field('connectionId')} /> : null}
      </div>
      <TextArea label={t('note')} name="note" defaultValue={row?.note ?? ''} rows={2} error={errors.field('note')} />
      <div className="flex gap-2">
        <Button type="submit" disabled={saving.isPending}>{t('save')}</Button>
        <Button type="button" variant="secondary" onClick={() => setEditing(null)}>{t('cancel')}</Button>
      </div>
    </form>
  );

  return (
    <Card title={t('title')} actions={editable && editing === null ? <Button variant="secondary" onClick={() => { create.reset(); setEditing('new'); }}>{t('add')}</Button> : null}>
      <div className="space-y-3 text-sm" data-testid="customer-equipment">
        {removeError ? <Alert>{removeError}</Alert> : null}
        {editing === 'new' ? form(null) : null}
        {equipment.length === 0 && editing !== 'new' ? <p className="text-slate-600">{t('noEquipment')}</p> : null}
        <ul className="space-y-2">
          {equipment.map((e) =>
            editing === e.id ? (
              <li key={e.id}>{form(e)}</li>
            ) : (
              <li key={e.id} className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 pb-2" data-testid="equipment-row">
                <div>
                  <p className="font-medium">{enums(`equipmentType.${e.type}`)} · {e.brand} {e.model}</p>
                  {e.serial ? <p className="font-mono text-xs">{t('serialShort')} {e.serial}</p> : null}
                  {e.siteId ? <p className="text-xs text-slate-600">{t('site')}: {siteName(e.siteId)}</p> : null}
                  {e.connectionId && connectionName(e.connectionId) ? <p className="text-xs text-slate-600">{t('connection')}: {connectionName(e.connectionId)}</p> : null}
                  {e.note ? <p className="text-xs text-slate-600">{e.note}</p> : null}
                </div>
                {editable ? (
                  <div className="flex gap-2">
                    <Button variant="secondary" aria-label={`${t('edit')} ${e.brand} ${e.model}`} onClick={() => { update.reset(); setEditing(e.id); }}>{t('edit')}</Button>
                    <ConfirmButton label={t('remove')} question={t('removeConfirm')} onConfirm={() => remove.mutate(e.id)} disabled={remove.isPending} />
                  </div>
                ) : null}
              </li>
            ),
          )}
        </ul>
        <div className="border-t border-slate-100 pt-2">
          <p className="font-medium">{t('sites')}</p>
          {sites.length === 0 ? <p className="text-slate-600">{t('noSites')}</p> : null}
          <ul>
            {sites.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-2 py-1">
                <span>{s.label} · {s.address}{s.locality ? `, ${s.locality}` : ''}</span>
                {!byTicket && editable ? <ConfirmButton label={t('remove')} question={t('removeConfirm')} onConfirm={() => removeSite.mutate({ id: s.id })} disabled={removeSite.isPending} /> : null}
              </li>
            ))}
          </ul>
          {!byTicket && editable ? (
            addingSite ? (
              <form
                noValidate
                className="mt-2 space-y-3 rounded-md border border-slate-200 p-3"
                aria-label={t('addSite')}
                onSubmit={(event) => {
                  event.preventDefault();
                  const f = new FormData(event.currentTarget);
                  if ('customerId' in scope) createSite.mutate({ customerId: scope.customerId, label: text(f, 'label'), address: text(f, 'address'), locality: text(f, 'locality') || null });
                }}
              >
                {siteErrors.message ? <Alert>{siteErrors.message}</Alert> : null}
                <div className="grid gap-3 sm:grid-cols-2">
                  <TextInput label={t('label')} name="label" error={siteErrors.field('label')} />
                  <TextInput label={t('address')} name="address" error={siteErrors.field('address')} />
                  <TextInput label={t('locality')} name="locality" error={siteErrors.field('locality')} />
                </div>
                <div className="flex gap-2">
                  <Button type="submit" disabled={createSite.isPending}>{t('save')}</Button>
                  <Button type="button" variant="secondary" onClick={() => setAddingSite(false)}>{t('cancel')}</Button>
                </div>
              </form>
            ) : (
              <Button variant="secondary" className="mt-2" onClick={() => setAddingSite(true)}>{t('addSite')}</Button>
            )
          ) : null}
        </div>
      </div>
    </Card>
  );
}
