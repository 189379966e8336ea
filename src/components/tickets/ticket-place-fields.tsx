'use client';
// G7: the ticket's site (the connection's address, or another site of the customer) and the equipment
// it is about — two selects of the ticket form, filled from the customer's list read through the ticket.
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { Select } from '@/components/ui/controls';

type Errors = { field: (name: string) => string | undefined };

export function TicketPlaceFields({ ticketId, siteId, equipmentId, disabled, errors }: { ticketId: string; siteId: string | null; equipmentId: string | null; disabled?: boolean; errors: Errors }) {
  const t = useTranslations('equipment');
  const enums = useTranslations('enums');
  const trpc = useTRPC();
  const list = useQuery(trpc.equipment.ofTicket.queryOptions({ ticketId }));
  if (!list.data) return null;
  return <PlaceSelects data={list.data} siteId={siteId} equipmentId={equipmentId} disabled={disabled} errors={errors} t={t} enums={enums} />;
}

type Data = { sites: { id: string; label: string; address: string }[]; equipment: { id: string; type: string; brand: string; model: string; serial: string | null }[] };

/** The two selects, for a list already read (the ticket's, or the creation form's customer's). */
export function PlaceSelects({ data, siteId, equipmentId, disabled, errors, t, enums }: {
  data: Data;
  siteId: string | null;
  equipmentId: string | null;
  disabled?: boolean;
  errors: Errors;
  t: (key: string) => string;
  enums: (key: string) => string;
}) {
  return (
    <>
      <Select
        label={t('ticketSite')}
        name="siteId"
        defaultValue={siteId ?? ''}
        disabled={disabled}
        options={[{ value: '', label: t('connectionAddress') }, ...data.sites.map((s) => ({ value: s.id, label: `${s.label} · ${s.address}` }))]}
        error={errors.field('siteId')}
      />
      <Select
        label={t('ticketEquipment')}
        name="equipmentId"
        defaultValue={equipmentId ?? ''}
        disabled={disabled}
        options={[{ value: '', label: t('noneChosen') }, ...data.equipment.map((e) => ({ value: e.id, label: `${enums(`equipmentType.${e.type}`)} · ${e.brand} ${e.model}${e.serial ? ` · ${e.serial}` : ''}` }))]}
        error={errors.field('equipmentId')}
      />
    </>
  );
}
