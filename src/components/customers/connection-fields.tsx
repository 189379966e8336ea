'use client';
// A4: the fields of a connection, shared by the new-customer form and the connection editor.
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { Select, TextInput } from '@/components/ui/controls';
import { CONNECTION_STATUSES, CONNECTION_TYPES } from '@/server/services/customers/schemas';

export type ConnectionDraft = {
  code: string;
  planId: string;
  nodeId: string;
  type: (typeof CONNECTION_TYPES)[number];
  address: string;
  localityId: string;
  latitude: string;
  longitude: string;
  status: (typeof CONNECTION_STATUSES)[number];
};

export const EMPTY_CONNECTION: ConnectionDraft = { code: '', planId: '', nodeId: '', type: 'FIBER', address: '', localityId: '', latitude: '', longitude: '', status: 'ENABLED' };

/** The draft as the API takes it: empty strings become null, coordinates numbers. */
export function connectionInput(d: ConnectionDraft) {
  const num = (v: string) => (v.trim() === '' ? null : Number(v.replace(',', '.')));
  return {
    code: d.code || null,
    planId: d.planId || null,
    nodeId: d.nodeId || null,
    type: d.type,
    address: d.address,
    localityId: d.localityId || null,
    latitude: num(d.latitude),
    longitude: num(d.longitude),
    status: d.status,
  };
}

export function ConnectionFields({ value, onChange, errors, prefix = '' }: {
  value: ConnectionDraft;
  onChange: (value: ConnectionDraft) => void;
  errors: (path: string) => string | undefined;
  prefix?: string;
}) {
  const t = useTranslations('connections');
  const enums = useTranslations('enums');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const plans = useQuery(trpc.catalog.plans.queryOptions());
  const nodes = useQuery(trpc.catalog.nodes.queryOptions());
  const localities = useQuery(trpc.catalog.localities.queryOptions());
  const set = (field: keyof ConnectionDraft) => (e: { target: { value: string } }) => onChange({ ...value, [field]: e.target.value });
  const err = (field: string) => errors(`${prefix}${field}`);
  const none = { value: '', label: `— ${common('none')} —` };
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextInput label={t('address')} value={value.address} onChange={set('address')} error={err('address')} required />
      <Select label={t('locality')} value={value.localityId} onChange={set('localityId')} error={err('localityId')} options={[none, ...(localities.data ?? []).map((l) => ({ value: l.id, label: l.name }))]} />
      <Select
        label={t('plan')}
        value={value.planId}
        onChange={set('planId')}
        error={err('planId')}
        options={[none, ...(plans.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${t('speedValue', { down: p.downloadMbps, up: p.uploadMbps })})` }))]}
      />
      <Select label={t('node')} value={value.nodeId} onChange={set('nodeId')} error={err('nodeId')} options={[none, ...(nodes.data ?? []).map((n) => ({ value: n.id, label: n.name }))]} />
      <Select label={t('type')} value={value.type} onChange={set('type')} error={err('type')} options={CONNECTION_TYPES.map((c) => ({ value: c, label: enums(`connectionType.${c}`) }))} />
      <Select label={t('status')} value={value.status} onChange={set('status')} error={err('status')} options={CONNECTION_STATUSES.map((s) => ({ value: s, label: enums(`connectionStatus.${s}`) }))} />
      <TextInput label={t('latitude')} inputMode="decimal" value={value.latitude} onChange={set('latitude')} error={err('latitude')} placeholder="-34.6037" />
      <TextInput label={t('longitude')} inputMode="decimal" value={value.longitude} onChange={set('longitude')} error={err('longitude')} placeholder="-58.3816" />
      <TextInput label={t('code')} value={value.code} onChange={set('code')} error={err('code')} />
    </div>
  );
}
