'use client';
// B1–B8: the tenant's ticket configuration. Everyone with access sees it; admins add, edit, pick
// the default, delete (archived instead when something uses the item) and restore. Category prices
// show only to roles with billing.read — the server leaves them out for the others.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC, useTRPCClient } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { formatMoney } from '@/lib/format';
import { Alert, Button, Card, Checkbox, Select, TextArea, TextInput } from '@/components/ui/controls';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formErrors } from '@/components/ui/use-form-errors';
import { useSubmission } from '@/components/ui/use-submission';
import { useCan, useStaffContext } from '@/components/shell/permissions';

type Config = RouterOutputs['ticketConfig']['get'];
type Path = 'areas' | 'states' | 'priorities' | 'categories';
type Item = { id: string; name: string; isDefault: boolean; archivedAt: Date | null };
type Errors = ReturnType<typeof formErrors>;
type TRPCError = { message: string; data?: { fieldErrors?: Record<string, string> } | null };

const STAGES = ['PENDING', 'FINISHED', 'CLOSED'] as const;

const text = (f: FormData, name: string) => String(f.get(name) ?? '').trim();
const number = (f: FormData, name: string) => {
  const v = text(f, name).replace(',', '.');
  return v === '' ? null : Number(v);
};

/** One kind's list and its add / edit form; the procedures are ticketConfig.<path>.*. */
function ConfigSection<T extends Item>({
  path,
  title,
  items,
  detail,
  fields,
  toInput,
}: {
  path: Path;
  title: string;
  items: T[];
  detail: (item: T) => ReactNode;
  fields: (item: T | null, errors: Errors) => ReactNode;
  toInput: (form: FormData) => Record<string, unknown>;
}) {
  const t = useTranslations('ticketConfig');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const manage = useCan()('tickets.config.manage');
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ticketConfig.pathKey() });
  const procedures = client.ticketConfig[path] as unknown as Record<'create' | 'update' | 'remove' | 'restore' | 'setDefault', { mutate: (input: object) => Promise<{ id: string; outcome?: 'deleted' | 'archived' }> }>;
  const save = useMutation<{ id: string }, TRPCError, Record<string, unknown>>({
    mutationFn: (input) => (input.id ? procedures.update.mutate(input) : procedures.create.mutate(input)),
    onSuccess: async () => {
      setEditing(null);
      setNotice(t('saved'));
      await refresh();
    },
  });
  const action = useMutation<{ id: string; outcome?: 'deleted' | 'archived' }, TRPCError, { op: 'remove' | 'restore' | 'setDefault'; id: string }>({
    mutationFn: ({ op, id }) => procedures[op].mutate({ id }),
    onSuccess: async (result, { op }) => {
      setNotice(op === 'remove' ? t(result.outcome === 'archived' ? 'archivedNotice' : 'deletedNotice') : op === 'restore' ? t('restoredNotice') : t('defaultNotice'));
      await refresh();
    },
  });
  const errors = formErrors(save.error);
  const submission = useSubmission();
  const actionError = formErrors(action.error).message;

  function submit(id: string | null) {
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (!submission.begin()) return;
      setNotice(null);
      save.mutate({ ...toInput(new FormData(event.currentTarget)), ...(id ? { id } : {}) }, { onSettled: (_data, error) => submission.end(!error) });
    };
  }

  function form(item: T | null) {
    return (
      <form noValidate onSubmit={submit(item?.id ?? null)} className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3" aria-label={item ? t('editItem', { name: item.name }) : t('newItem', { kind: title })}>
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        {fields(item, errors)}
        <div className="flex gap-2">
          <Button type="submit" disabled={save.isPending}>{save.isPending ? common('saving') : common('save')}</Button>
          <Button type="button" variant="secondary" onClick={() => { setEditing(null); save.reset(); }}>{common('cancel')}</Button>
        </div>
      </form>
    );
  }

  return (
    <Card
      title={title}
      actions={manage && editing !== 'new' ? <Button variant="secondary" onClick={() => { save.reset(); setEditing('new'); }}>{t('add')}</Button> : null}
    >
      {notice ? <p role="status" className="mb-3 text-sm text-green-800">{notice}</p> : null}
      {actionError ? <Alert>{actionError}</Alert> : null}
      {editing === 'new' ? <div className="mb-4">{form(null)}</div> : null}
      <ul className="divide-y divide-slate-100">
        {items.map((item) => (
          <li key={item.id} className={`py-3 text-sm ${item.archivedAt ? 'text-slate-500' : ''}`} data-testid={`${path}-${item.name}`}>
            {editing === item.id ? (
              form(item)
            ) : (
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <span className="font-medium">{item.name}</span>
                  {item.isDefault ? <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-800">{t('default')}</span> : null}
                  {item.archivedAt ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{t('archived')}</span> : null}
                  <div className="mt-0.5 text-xs text-slate-600">{detail(item)}</div>
                </div>
                {manage ? (
                  <div className="flex flex-wrap gap-1">
                    {item.archivedAt ? (
                      <Button variant="secondary" onClick={() => action.mutate({ op: 'restore', id: item.id })}>{t('restore')}</Button>
                    ) : (
                      <>
                        <Button variant="ghost" aria-label={`${common('edit')} ${item.name}`} onClick={() => { save.reset(); setEditing(item.id); }}>{common('edit')}</Button>
                        {item.isDefault ? null : (
                          <Button variant="ghost" aria-label={`${t('makeDefault')} ${item.name}`} onClick={() => action.mutate({ op: 'setDefault', id: item.id })}>{t('makeDefault')}</Button>
                        )}
                        <ConfirmButton variant="secondary" label={common('delete')} question={t('deleteQuestion', { name: item.name })} onConfirm={() => action.mutate({ op: 'remove', id: item.id })} />
                      </>
                    )}
                  </div>
                ) : null}
              </div>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Swatch({ color }: { color: string }) {
  return <span aria-hidden className="mr-1 inline-block h-3 w-3 rounded-sm align-middle ring-1 ring-slate-300" style={{ backgroundColor: color }} />;
}

export function TicketConfigAdmin() {
  const t = useTranslations('ticketConfig');
  const trpc = useTRPC();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const config = useQuery(trpc.ticketConfig.get.queryOptions());
  if (config.error) return <Alert>{config.error.message}</Alert>;
  if (!config.data) return <p role="status">{t('loading')}</p>;
  const c: Config = config.data;
  const activeAreas = c.areas.filter((a) => !a.archivedAt);

  return (
    <div className="space-y-6">
      {c.pqrs.length ? (
        <Card title={t('pqrsTitle')}>
          <p className="mb-2 text-sm text-slate-700">{t('pqrsBody')}</p>
          <ul className="flex flex-wrap gap-2">
            {c.pqrs.map((p) => (
              <li key={p} className="rounded-full bg-slate-100 px-3 py-1 text-sm font-medium">{t(`pqrs.${p}`)}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <ConfigSection
          path="areas"
          title={t('areas')}
          items={c.areas}
          detail={(a) => a.email}
          fields={(item, e) => (
            <>
              <TextInput label={t('name')} name="name" defaultValue={item?.name} error={e.field('name')} />
              <TextInput label={t('areaEmail')} hint={t('areaEmailHint')} name="email" type="email" defaultValue={item?.email ?? ''} error={e.field('email')} />
            </>
          )}
          toInput={(f) => ({ name: text(f, 'name'), email: text(f, 'email') })}
        />
        <ConfigSection
          path="states"
          title={t('states')}
          items={c.states}
          detail={(s) => t(`stage.${s.stage}`)}
          fields={(item, e) => (
            <>
              <TextInput label={t('name')} name="name" defaultValue={item?.name} error={e.field('name')} />
              <Select label={t('stageLabel')} name="stage" defaultValue={item?.stage ?? 'PENDING'} options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} error={e.field('stage')} />
              <TextInput label={t('position')} name="position" inputMode="numeric" defaultValue={item?.position ?? 0} error={e.field('position')} />
            </>
          )}
          toInput={(f) => ({ name: text(f, 'name'), stage: text(f, 'stage'), position: number(f, 'position') ?? 0 })}
        />
        <ConfigSection
          path="priorities"
          title={t('priorities')}
          items={c.priorities}
          detail={(p) => (
            <>
              <Swatch color={p.color} />
              {t('rankValue', { rank: p.rank })}
            </>
          )}
          fields={(item, e) => (
            <>
              <TextInput label={t('name')} name="name" defaultValue={item?.name} error={e.field('name')} />
              <TextInput label={t('color')} name="color" type="color" defaultValue={item?.color ?? '#2563eb'} error={e.field('color')} className="h-10 w-20 rounded border border-slate-300" />
              <TextInput label={t('rank')} name="rank" inputMode="numeric" defaultValue={item?.rank ?? c.priorities.length + 1} hint={t('rankHint')} error={e.field('rank')} />
            </>
          )}
          toInput={(f) => ({ name: text(f, 'name'), color: text(f, 'color'), rank: number(f, 'rank') ?? 0 })}
        />
      </div>
      <ConfigSection
        path="categories"
        title={t('categories')}
        items={c.categories}
        detail={(cat) => (
          <>
            <Swatch color={cat.color} />
            {[
              cat.area ? t('areaValue', { area: cat.area.name }) : null,
              cat.defaultTechnician ? t('technicianValue', { name: cat.defaultTechnician.name }) : null,
              'price' in cat && cat.price !== null && cat.price !== undefined ? formatMoney(cat.price, tenant.currency, intl) : null,
              cat.inUse ? null : t('notInUse'),
              [cat.inTechnicianApp && t('technicianApp'), cat.inCustomerApp && t('customerApp'), cat.inPortal && t('portal')].filter(Boolean).join(', ') || null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </>
        )}
        fields={(item, e) => (
          <div className="grid gap-3 md:grid-cols-2">
            <TextInput label={t('name')} name="name" defaultValue={item?.name} error={e.field('name')} />
            <TextInput label={t('customerDescription')} name="customerDescription" defaultValue={item?.customerDescription ?? ''} hint={t('customerDescriptionHint')} error={e.field('customerDescription')} />
            <Select
              label={t('area')}
              name="areaId"
              defaultValue={item?.area?.id ?? ''}
              options={[{ value: '', label: t('none') }, ...activeAreas.map((a) => ({ value: a.id, label: a.name }))]}
              error={e.field('areaId')}
            />
            <Select
              label={t('technician')}
              name="defaultTechnicianId"
              defaultValue={item?.defaultTechnician?.id ?? ''}
              options={[{ value: '', label: t('none') }, ...c.technicians.map((u) => ({ value: u.id, label: u.name }))]}
              error={e.field('defaultTechnicianId')}
            />
            {can('billing.read') ? (
              <TextInput label={t('price')} name="price" inputMode="decimal" defaultValue={item && 'price' in item && item.price !== null && item.price !== undefined ? String(item.price) : ''} error={e.field('price')} />
            ) : null}
            <TextInput label={t('color')} name="color" type="color" defaultValue={item?.color ?? '#64748b'} error={e.field('color')} className="h-10 w-20 rounded border border-slate-300" />
            <div className="md:col-span-2">
              <TextInput label={t('reasons')} name="customerReasons" defaultValue={item?.customerReasons.join(';') ?? ''} hint={t('reasonsHint')} error={e.field('customerReasons')} />
            </div>
            <div className="md:col-span-2">
              <TextArea label={t('comment')} name="comment" defaultValue={item?.comment ?? ''} error={e.field('comment')} />
            </div>
            <fieldset className="space-y-2 md:col-span-2">
              <legend className="mb-1 text-sm font-medium text-slate-700">{t('availability')}</legend>
              <Checkbox label={t('inUse')} name="inUse" defaultChecked={item?.inUse ?? true} />
              <Checkbox label={t('technicianApp')} name="inTechnicianApp" defaultChecked={item?.inTechnicianApp ?? false} />
              <Checkbox label={t('customerApp')} name="inCustomerApp" defaultChecked={item?.inCustomerApp ?? false} />
              <Checkbox label={t('portal')} name="inPortal" defaultChecked={item?.inPortal ?? false} />
            </fieldset>
          </div>
        )}
        toInput={(f) => ({
          name: text(f, 'name'),
          customerDescription: text(f, 'customerDescription'),
          areaId: text(f, 'areaId') || null,
          defaultTechnicianId: text(f, 'defaultTechnicianId') || null,
          ...(f.has('price') ? { price: number(f, 'price') } : {}),
          color: text(f, 'color'),
          customerReasons: text(f, 'customerReasons').split(';').map((r) => r.trim()).filter(Boolean),
          comment: text(f, 'comment'),
          inUse: f.get('inUse') === 'on',
          inTechnicianApp: f.get('inTechnicianApp') === 'on',
          inCustomerApp: f.get('inCustomerApp') === 'on',
          inPortal: f.get('inPortal') === 'on',
        })}
      />
      <Card title={t('complexityTitle')}>
        <p className="text-sm text-slate-700">{t('complexityBody', { values: c.complexities.map((x) => t(`complexity.${x}`)).join(', ') })}</p>
      </Card>
    </div>
  );
}
