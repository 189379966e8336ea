'use client';
// G8: the product catalogue the technicians sell from — name, code, price before tax, tax rate,
// active. Admins add, edit, deactivate and (while never sold) delete; prices show only to roles with
// billing.read, which the server also leaves out of the answer for the others.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { formatMoney } from '@/lib/format';
import { Alert, Badge, Button, Card, Checkbox, TextInput } from '@/components/ui/controls';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan, useStaffContext } from '@/components/shell/permissions';

type Product = RouterOutputs['products']['list'][number];

/** A price as the form shows it: the tenant's decimal separator, no grouping. */
function priceText(price: number | undefined, intl: string, digits: number) {
  return price === undefined ? '' : new Intl.NumberFormat(intl, { useGrouping: false, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(price);
}

function ProductForm({ product, onDone }: { product?: Product; onDone: () => void }) {
  const t = useTranslations('products');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { tenant, intl } = useStaffContext();
  const can = useCan();
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: tenant.currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.products.pathKey() });
  const create = useMutation(trpc.products.create.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.products.update.mutationOptions({ onSuccess: refresh }));
  const mutation = product ? update : create;
  const errors = formErrors(mutation.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const data = { name: String(f.get('name') ?? ''), code: String(f.get('code') ?? ''), price: String(f.get('price') ?? ''), taxRate: String(f.get('taxRate') ?? ''), active: f.get('active') === 'on' };
    const done = { onSuccess: () => (product ? onDone() : form.reset()) };
    if (product) update.mutate({ id: product.id, ...data }, done);
    else create.mutate(data, done);
  };
  return (
    <form noValidate onSubmit={submit} aria-label={product ? t('editTitle', { name: product.name }) : t('addTitle')} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
      {errors.message ? <div className="sm:col-span-2 lg:col-span-6"><Alert>{errors.message}</Alert></div> : null}
      <div className="lg:col-span-2"><TextInput label={t('name')} name="name" defaultValue={product?.name} required error={errors.field('name')} /></div>
      <TextInput label={t('code')} name="code" defaultValue={product?.code} required error={errors.field('code')} />
      {can('billing.read') ? (
        <TextInput label={t('price', { currency: tenant.currency })} name="price" inputMode="decimal" defaultValue={priceText(product?.price, intl, digits)} required error={errors.field('price')} />
      ) : null}
      <TextInput label={t('taxRate')} name="taxRate" inputMode="decimal" defaultValue={product ? String(product.taxRate) : '21'} required error={errors.field('taxRate')} />
      <div className="flex items-center gap-3">
        <Checkbox label={t('active')} name="active" defaultChecked={product?.active ?? true} />
        <Button type="submit" disabled={mutation.isPending}>{product ? common('save') : common('add')}</Button>
        {product ? <Button type="button" variant="secondary" onClick={onDone}>{common('cancel')}</Button> : null}
      </div>
    </form>
  );
}

export function ProductsAdmin() {
  const t = useTranslations('products');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const manage = can('products.manage');
  const list = useQuery(trpc.products.list.queryOptions({ includeInactive: manage }));
  const remove = useMutation(trpc.products.remove.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.products.pathKey() }) }));
  const [editing, setEditing] = useState<string | null>(null);
  const removeError = formErrors(remove.error).message;
  const products = list.data ?? [];
  const percent = new Intl.NumberFormat(intl, { maximumFractionDigits: 2 });
  return (
    <div className="space-y-6">
      <Card title={t('title')}>
        <p className="mb-4 text-sm text-slate-600">{t('intro')}</p>
        {removeError ? <Alert>{removeError}</Alert> : null}
        <table className="w-full text-left text-sm" aria-label={t('title')}>
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-600">
            <tr>
              <th className="py-2 pr-3">{t('name')}</th>
              <th className="py-2 pr-3">{t('code')}</th>
              {can('billing.read') ? <th className="py-2 pr-3 text-right">{t('priceShort')}</th> : null}
              <th className="py-2 pr-3 text-right">{t('taxRate')}</th>
              <th className="py-2 pr-3">{t('status')}</th>
              {manage ? <th className="py-2"><span className="sr-only">{common('actions')}</span></th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {products.length === 0 && !list.isLoading ? (
              <tr><td colSpan={6} className="py-3 text-slate-600">{t('empty')}</td></tr>
            ) : null}
            {products.map((p) =>
              editing === p.id ? (
                <tr key={p.id}><td colSpan={6} className="py-3"><ProductForm product={p} onDone={() => setEditing(null)} /></td></tr>
              ) : (
                <tr key={p.id} data-testid="product-row">
                  <td className="py-2 pr-3 font-medium">{p.name}</td>
                  <td className="py-2 pr-3 font-mono text-xs">{p.code}</td>
                  {can('billing.read') ? <td className="py-2 pr-3 text-right tabular-nums">{p.price !== undefined ? formatMoney(p.price, tenant.currency, intl) : '—'}</td> : null}
                  <td className="py-2 pr-3 text-right tabular-nums">{percent.format(p.taxRate)} %</td>
                  <td className="py-2 pr-3">{p.active ? <Badge tone="green">{t('activeBadge')}</Badge> : <Badge>{t('inactiveBadge')}</Badge>}</td>
                  {manage ? (
                    <td className="flex justify-end gap-2 py-2">
                      <Button variant="secondary" onClick={() => setEditing(p.id)} aria-label={t('editTitle', { name: p.name })}>{common('edit')}</Button>
                      {p.inUse ? null : <ConfirmButton variant="secondary" label={common('delete')} question={t('deleteQuestion', { name: p.name })} onConfirm={() => remove.mutate({ id: p.id })} />}
                    </td>
                  ) : null}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </Card>
      {manage ? (
        <Card title={t('addTitle')}>
          <ProductForm onDone={() => undefined} />
        </Card>
      ) : null}
    </div>
  );
}
