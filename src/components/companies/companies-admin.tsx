'use client';
// G2: Configuración > Empresas asociadas. The office sees the partner companies; admins add them,
// edit them and deactivate or reactivate them. Everything typed is shown as text.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { Alert, Badge, Button, Card, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan } from '@/components/shell/permissions';

type Company = RouterOutputs['companies']['list'][number];
const FIELDS = ['name', 'taxId', 'contactName', 'email', 'phone', 'zone'] as const;

function valuesOf(form: HTMLFormElement) {
  const f = new FormData(form);
  return Object.fromEntries(FIELDS.map((k) => [k, String(f.get(k) ?? '').trim()])) as Record<(typeof FIELDS)[number], string>;
}

function CompanyFields({ company, errors }: { company?: Company; errors: ReturnType<typeof formErrors> }) {
  const t = useTranslations('companies');
  return (
    <div className="grid gap-3 md:grid-cols-3">
      {FIELDS.map((k) => (
        <TextInput key={k} label={t(`field.${k}`)} name={k} defaultValue={company?.[k] ?? ''} required={k === 'name'} type={k === 'email' ? 'email' : 'text'} error={errors.field(k)} />
      ))}
    </div>
  );
}

function CompanyRow({ company, manage }: { company: Company; manage: boolean }) {
  const t = useTranslations('companies');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const update = useMutation(
    trpc.companies.update.mutationOptions({
      onSuccess: async () => {
        setEditing(false);
        await queryClient.invalidateQueries({ queryKey: trpc.companies.pathKey() });
      },
    }),
  );
  const errors = formErrors(update.error);
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = valuesOf(event.currentTarget);
    update.mutate({ id: company.id, ...v, taxId: v.taxId || null, contactName: v.contactName || null, email: v.email || null, phone: v.phone || null, zone: v.zone || null });
  };
  return (
    <li className="py-3" data-testid="company-row">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="text-sm">
          <span className="font-medium">{company.name}</span> {company.active ? null : <Badge>{t('inactive')}</Badge>}
          <span className="block text-xs text-slate-600">
            {[company.taxId && `${t('field.taxId')}: ${company.taxId}`, company.contactName, company.phone, company.email, company.zone].filter(Boolean).join(' · ')}
          </span>
          <span className="block text-xs text-slate-600">{t('usersCount', { count: company.users })}</span>
        </div>
        {manage ? (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setEditing((e) => !e)}>{editing ? common('cancel') : common('edit')}</Button>
            <Button variant="secondary" onClick={() => update.mutate({ id: company.id, active: !company.active })}>{company.active ? t('deactivate') : t('activate')}</Button>
          </div>
        ) : null}
      </div>
      {editing ? (
        <form onSubmit={save} noValidate className="mt-3 space-y-3" aria-label={t('editTitle', { name: company.name })}>
          {errors.message ? <Alert>{errors.message}</Alert> : null}
          <CompanyFields company={company} errors={errors} />
          <Button type="submit" disabled={update.isPending}>{common('save')}</Button>
        </form>
      ) : errors.message ? <Alert>{errors.message}</Alert> : null}
    </li>
  );
}

export function CompaniesAdmin() {
  const t = useTranslations('companies');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const can = useCan();
  const manage = can('companies.manage');
  const queryClient = useQueryClient();
  const list = useQuery(trpc.companies.list.queryOptions({ includeInactive: true }));
  const create = useMutation(trpc.companies.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.companies.pathKey() }) }));
  const errors = formErrors(create.error);
  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const v = valuesOf(form);
    create.mutate({ ...v, taxId: v.taxId || null, contactName: v.contactName || null, email: v.email || null, phone: v.phone || null, zone: v.zone || null }, { onSuccess: () => form.reset() });
  };
  return (
    <div className="space-y-6">
      <Card title={t('title')}>
        <p className="mb-3 text-sm text-slate-700">{t('intro')}</p>
        <ul className="divide-y divide-slate-100">
          {list.data?.length === 0 ? <li className="py-2 text-sm text-slate-600">{common('noResults')}</li> : null}
          {list.data?.map((c) => <CompanyRow key={c.id} company={c} manage={manage} />)}
        </ul>
      </Card>
      {manage ? (
        <Card title={t('new')}>
          <form onSubmit={add} noValidate className="space-y-3" aria-label={t('new')}>
            {errors.message ? <Alert>{errors.message}</Alert> : null}
            <CompanyFields errors={errors} />
            <Button type="submit" disabled={create.isPending}>{t('add')}</Button>
          </form>
        </Card>
      ) : null}
    </div>
  );
}
