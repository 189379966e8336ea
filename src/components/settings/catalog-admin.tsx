'use client';
// Plans, nodes and localities: everyone sees them; admins add and remove them. Plan prices show
// only to roles with billing.read — the server leaves them out of the response for the others.
import { type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatMoney } from '@/lib/format';
import { Alert, Button, Card, Checkbox, TextInput } from '@/components/ui/controls';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formErrors } from '@/components/ui/use-form-errors';
import { useSubmission } from '@/components/ui/use-submission';
import { useCan, useStaffContext } from '@/components/shell/permissions';

type Item = { id: string; name: string; detail?: ReactNode };
type MutationLike = { mutate: (input: { id: string }) => void; error: { message: string; data?: { fieldErrors?: Record<string, string> } | null } | null };

function CatalogSection({ title, items, manage, form, remove }: { title: string; items: Item[]; manage: boolean; form: ReactNode; remove: MutationLike }) {
  const t = useTranslations('catalog');
  const common = useTranslations('common');
  const error = formErrors(remove.error).message;
  return (
    <Card title={title}>
      {error ? <Alert>{error}</Alert> : null}
      <ul className="mb-4 divide-y divide-slate-100">
        {items.length === 0 ? <li className="py-2 text-sm text-slate-600">{common('noResults')}</li> : null}
        {items.map((item) => (
          <li key={item.id} className="flex items-center justify-between gap-2 py-2 text-sm">
            <span>
              <span className="font-medium">{item.name}</span>
              {item.detail ? <span className="block text-xs text-slate-600">{item.detail}</span> : null}
            </span>
            {manage ? <ConfirmButton variant="secondary" label={common('delete')} question={t('deleteQuestion', { name: item.name })} onConfirm={() => remove.mutate({ id: item.id })} /> : null}
          </li>
        ))}
      </ul>
      {manage ? form : null}
    </Card>
  );
}

function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() });
}

type SendOptions = { onSuccess: () => void; onSettled: (data: unknown, error: unknown) => void };

/** Add forms: one submission at a time; the form empties once the item is saved, and keeps what was typed when refused. */
function useSubmitter() {
  const submission = useSubmission();
  return (send: (f: FormData, options: SendOptions) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!submission.begin()) return;
    const form = event.currentTarget;
    send(new FormData(form), { onSuccess: () => form.reset(), onSettled: (_data, error) => submission.end(!error) });
  };
}

const num = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === '' ? null : Number(String(v).replace(',', '.')));

export function CatalogAdmin() {
  const t = useTranslations('catalog');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const manage = can('catalog.manage');
  const refresh = useRefresh();
  const plans = useQuery(trpc.catalog.plans.queryOptions());
  const nodes = useQuery(trpc.catalog.nodes.queryOptions());
  const localities = useQuery(trpc.catalog.localities.queryOptions());
  const createPlan = useMutation(trpc.catalog.createPlan.mutationOptions({ onSuccess: refresh }));
  const createNode = useMutation(trpc.catalog.createNode.mutationOptions({ onSuccess: refresh }));
  const createLocality = useMutation(trpc.catalog.createLocality.mutationOptions({ onSuccess: refresh }));
  const deletePlan = useMutation(trpc.catalog.deletePlan.mutationOptions({ onSuccess: refresh }));
  const deleteNode = useMutation(trpc.catalog.deleteNode.mutationOptions({ onSuccess: refresh }));
  const deleteLocality = useMutation(trpc.catalog.deleteLocality.mutationOptions({ onSuccess: refresh }));
  const planErrors = formErrors(createPlan.error);
  const nodeErrors = formErrors(createNode.error);
  const localityErrors = formErrors(createLocality.error);
  const submitter = useSubmitter();

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <CatalogSection
        title={t('plans')}
        manage={manage}
        remove={deletePlan}
        items={(plans.data ?? []).map((p) => ({
          id: p.id,
          name: p.name,
          detail: [
            `${p.downloadMbps}/${p.uploadMbps} Mbps`,
            'price' in p && p.price !== null && p.price !== undefined ? formatMoney(p.price, tenant.currency, intl) : null,
            p.offeredInPortal ? t('offeredInPortal') : null,
          ].filter(Boolean).join(' · '),
        }))}
        form={
          <form noValidate className="space-y-3" onSubmit={submitter((f, o) => createPlan.mutate({ name: String(f.get('name')), downloadMbps: num(f.get('down')) ?? -1, uploadMbps: num(f.get('up')) ?? -1, price: num(f.get('price')), offeredInPortal: f.get('portal') === 'on', active: true }, o))}>
            {planErrors.message ? <Alert>{planErrors.message}</Alert> : null}
            <TextInput label={t('planName')} name="name" error={planErrors.field('name')} />
            <div className="grid grid-cols-2 gap-2">
              <TextInput label={t('download')} name="down" inputMode="numeric" error={planErrors.field('downloadMbps')} />
              <TextInput label={t('upload')} name="up" inputMode="numeric" error={planErrors.field('uploadMbps')} />
            </div>
            {can('billing.read') ? <TextInput label={t('price')} name="price" inputMode="decimal" error={planErrors.field('price')} /> : null}
            <Checkbox label={t('offeredInPortal')} name="portal" />
            <Button type="submit" disabled={createPlan.isPending}>{common('add')}</Button>
          </form>
        }
      />
      <CatalogSection
        title={t('nodes')}
        manage={manage}
        remove={deleteNode}
        items={(nodes.data ?? []).map((n) => ({ id: n.id, name: n.name, detail: n.latitude !== null && n.longitude !== null ? `${n.latitude}, ${n.longitude}` : null }))}
        form={
          <form noValidate className="space-y-3" onSubmit={submitter((f, o) => createNode.mutate({ name: String(f.get('name')), latitude: num(f.get('lat')), longitude: num(f.get('lng')) }, o))}>
            {nodeErrors.message ? <Alert>{nodeErrors.message}</Alert> : null}
            <TextInput label={t('nodeName')} name="name" error={nodeErrors.field('name')} />
            <div className="grid grid-cols-2 gap-2">
              <TextInput label={t('latitude')} name="lat" inputMode="decimal" error={nodeErrors.field('latitude')} />
              <TextInput label={t('longitude')} name="lng" inputMode="decimal" error={nodeErrors.field('longitude')} />
            </div>
            <Button type="submit" disabled={createNode.isPending}>{common('add')}</Button>
          </form>
        }
      />
      <CatalogSection
        title={t('localities')}
        manage={manage}
        remove={deleteLocality}
        items={(localities.data ?? []).map((l) => ({ id: l.id, name: l.name, detail: [l.province, l.postalCode].filter(Boolean).join(' · ') }))}
        form={
          <form noValidate className="space-y-3" onSubmit={submitter((f, o) => createLocality.mutate({ name: String(f.get('name')), province: String(f.get('province')) || null, postalCode: String(f.get('postalCode')) || null }, o))}>
            {localityErrors.message ? <Alert>{localityErrors.message}</Alert> : null}
            <TextInput label={t('localityName')} name="name" error={localityErrors.field('name')} />
            <TextInput label={t('province')} name="province" error={localityErrors.field('province')} />
            <TextInput label={t('postalCode')} name="postalCode" error={localityErrors.field('postalCode')} />
            <Button type="submit" disabled={createLocality.isPending}>{common('add')}</Button>
          </form>
        }
      />
    </div>
  );
}
