'use client';
// G7 in the technician app (the ticket's Cliente tab): where the work is (the ticket's site, else the
// connection's address), the equipment the ticket is about, and the customer's equipment — added,
// corrected, removed. Each action goes into the device's queue with its own key (E9), so it works
// offline; the list shows the device's copy with the queued changes applied, marked as waiting.
import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Button, Select, TextInput } from '@/components/ui/controls';
import type { EquipmentType, TechTicket } from './offline/types';
import { equipmentWithQueue, type EquipmentItem } from './offline/equipment-list';
import { useTech } from './use-tech';

const TYPES: EquipmentType[] = ['ROUTER', 'ONT', 'ANTENNA', 'SWITCH', 'DECODER', 'OTHER'];
const text = (f: FormData, name: string) => String(f.get(name) ?? '').trim();

export function TechEquipment({ ticket }: { ticket: TechTicket }) {
  const t = useTranslations('equipment');
  const enums = useTranslations('enums');
  const { queue, enqueue } = useTech();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const customerId = ticket.customer?.id;
  const list = equipmentWithQueue(ticket, queue);
  const named = ticket.equipment ? (list.find((e) => e.id === ticket.equipment!.id) ?? { ...ticket.equipment, waiting: false }) : null;
  const label = (e: { type: EquipmentType; brand: string; model: string }) => `${enums(`equipmentType.${e.type}`)} · ${e.brand} ${e.model}`;
  if (!customerId) return null;
  const base = { ticketId: ticket.id, ticketNumber: ticket.number, createdAt: new Date(), status: 'pending' as const, customerId };

  function submit(event: FormEvent<HTMLFormElement>, row: EquipmentItem | null) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const fields = { type: text(f, 'type') as EquipmentType, brand: text(f, 'brand'), model: text(f, 'model'), serial: text(f, 'serial') || null, note: text(f, 'note') || null };
    if (!fields.brand || !fields.model) return;
    if (row) {
      // Only what changed, so a correction made offline does not undo another made meanwhile.
      const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => row[k as keyof typeof fields] !== v));
      if (Object.keys(changed).length) void enqueue([{ ...base, key: crypto.randomUUID(), kind: 'equipment', id: row.id, action: 'update', fields: changed, label: label(fields) }]);
    } else {
      void enqueue([{ ...base, key: crypto.randomUUID(), kind: 'equipment', id: crypto.randomUUID(), action: 'create', fields, label: label(fields) }]);
    }
    setEditing(null);
  }

  const form = (row: EquipmentItem | null) => (
    <form noValidate onSubmit={(e) => submit(e, row)} aria-label={row ? `${t('edit')} ${row.brand} ${row.model}` : t('add')} className="space-y-2 rounded-md border border-dashed border-slate-300 p-2">
      <Select label={t('type')} name="type" defaultValue={row?.type ?? 'ROUTER'} options={TYPES.map((k) => ({ value: k, label: enums(`equipmentType.${k}`) }))} />
      <TextInput label={t('brand')} name="brand" defaultValue={row?.brand ?? ''} required />
      <TextInput label={t('model')} name="model" defaultValue={row?.model ?? ''} required />
      <TextInput label={t('serial')} name="serial" defaultValue={row?.serial ?? ''} />
      <TextInput label={t('note')} name="note" defaultValue={row?.note ?? ''} />
      <div className="flex gap-2">
        <Button type="submit" className="flex-1">{t('save')}</Button>
        <Button type="button" variant="secondary" onClick={() => setEditing(null)}>{t('cancel')}</Button>
      </div>
    </form>
  );

  return (
    <div className="mt-3 space-y-3 border-t border-slate-200 pt-3 text-sm">
      <section aria-label={t('workSite')}>
        <h2 className="font-semibold">{t('workSite')}</h2>
        <p data-testid="tech-site">
          {ticket.site ? `${ticket.site.label} · ${ticket.site.address}${ticket.site.locality ? `, ${ticket.site.locality}` : ''}` : (ticket.connection?.address ?? t('none'))}
        </p>
      </section>
      <section aria-label={t('ticketEquipmentTitle')}>
        <h2 className="font-semibold">{t('ticketEquipmentTitle')}</h2>
        {named ? (
          <p data-testid="tech-ticket-equipment">
            {label(named)}
            {named.serial ? <span className="block font-mono text-xs">{t('serialShort')} {named.serial}</span> : null}
          </p>
        ) : (
          <p className="text-slate-600">{t('noneChosen')}</p>
        )}
      </section>
      <section aria-label={t('customerList')} className="space-y-2">
        <h2 className="font-semibold">{t('customerList')}</h2>
        {list.length === 0 ? <p className="text-slate-600">{t('noCustomerEquipment')}</p> : null}
        <ul className="space-y-2">
          {list.map((e) =>
            editing === e.id ? (
              <li key={e.id}>{form(e)}</li>
            ) : (
              <li key={e.id} data-testid="tech-equipment-row" className="rounded-md border border-slate-200 p-2">
                <p className="font-medium">{label(e)}</p>
                {e.serial ? <p className="font-mono text-xs">{t('serialShort')} {e.serial}</p> : null}
                {e.note ? <p className="text-xs text-slate-600">{e.note}</p> : null}
                {e.waiting ? <p className="text-xs text-slate-600">{t('pending')}</p> : null}
                <div className="mt-2 flex gap-2">
                  <Button variant="secondary" aria-label={`${t('edit')} ${e.brand} ${e.model}`} onClick={() => setEditing(e.id)}>{t('edit')}</Button>
                  <Button variant="ghost" aria-label={`${t('remove')} ${e.brand} ${e.model}`} onClick={() => void enqueue([{ ...base, key: crypto.randomUUID(), kind: 'equipment', id: e.id, action: 'remove', label: label(e) }])}>{t('remove')}</Button>
                </div>
              </li>
            ),
          )}
        </ul>
        {editing === 'new' ? form(null) : <Button variant="secondary" className="w-full" onClick={() => setEditing('new')}>{t('add')}</Button>}
      </section>
    </div>
  );
}
