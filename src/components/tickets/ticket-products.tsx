'use client';
// G8 "la valigetta": the products sold, or to sell, on a ticket — add one from the catalogue, change a
// line's quantity or mark it sold, remove it — with each line's amounts and the total for roles with
// billing.read (the server sends them to no one else). G9: the intervention's cost, whether the
// technician sees it to collect, and what was collected against it.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { X } from 'lucide-react';
import { useTRPC } from '@/trpc/react';
import { formatDateTime, formatMoney } from '@/lib/format';
import { Alert, Button, Card, Checkbox, Select, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan, useStaffContext } from '@/components/shell/permissions';

const METHODS = ['CASH', 'CARD', 'TRANSFER', 'OTHER'] as const;

type TicketLike = { id: string; version: number; stage: 'PENDING' | 'FINISHED' | 'CLOSED'; cost?: number | null; costToTechnician: boolean };

export function TicketProducts({ ticket }: { ticket: TicketLike }) {
  const t = useTranslations('products.ticket');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const products = useQuery(trpc.products.ofTicket.queryOptions({ ticketId: ticket.id }));
  const catalogue = useQuery(trpc.products.list.queryOptions({}));
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.products.ofTicket.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() })]);
  const setLine = useMutation(trpc.products.setLine.mutationOptions({ onSuccess: refresh }));
  const removeLine = useMutation(trpc.products.removeLine.mutationOptions({ onSuccess: refresh }));
  const [chosen, setChosen] = useState('');
  const billing = can('billing.read');
  const sell = can('tickets.products') && ticket.stage !== 'CLOSED';
  const money = (n: number | undefined) => (n === undefined ? '—' : formatMoney(n, tenant.currency, intl));
  const percent = new Intl.NumberFormat(intl, { maximumFractionDigits: 2 });
  const lines = products.data?.lines ?? [];
  const error = formErrors(setLine.error ?? removeLine.error);
  const onTicket = new Set(lines.map((l) => l.productId));
  const offered = (catalogue.data ?? []).filter((p) => !onTicket.has(p.id));

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const quantity = Number(f.get('quantity'));
    setLine.mutate({ ticketId: ticket.id, productId: String(f.get('productId') ?? ''), quantity }, { onSuccess: () => { form.reset(); setChosen(''); } });
  }

  return (
    <div className="space-y-6">
      <Card title={t('title')}>
        <p className="mb-3 text-sm text-slate-600">{ticket.stage === 'CLOSED' ? t('closed') : t('hint')}</p>
        {error.message ? <Alert>{[error.message, ...Object.values(error.fields)].join(' ')}</Alert> : null}
        {products.error ? <Alert>{products.error.message}</Alert> : null}
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label={t('title')}>
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-600">
              <tr>
                <th className="py-2 pr-3">{t('product')}</th>
                <th className="py-2 pr-3">{t('quantity')}</th>
                <th className="py-2 pr-3">{t('sold')}</th>
                {billing ? <th className="py-2 pr-3 text-right">{t('unitPrice')}</th> : null}
                {billing ? <th className="py-2 pr-3 text-right">{t('tax')}</th> : null}
                {billing ? <th className="py-2 pr-3 text-right">{t('lineTotal')}</th> : null}
                {sell ? <th className="py-2"><span className="sr-only">{t('remove', { name: '' })}</span></th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {lines.length === 0 && products.data ? <tr><td colSpan={7} className="py-3 text-slate-600">{t('empty')}</td></tr> : null}
              {lines.map((l) => (
                <tr key={l.productId} data-testid="product-line">
                  <td className="py-2 pr-3"><span className="font-medium">{l.name}</span> <span className="font-mono text-xs text-slate-600">{l.code}</span></td>
                  <td className="py-2 pr-3">
                    {sell ? (
                      <input
                        type="number"
                        min={1}
                        max={9999}
                        step={1}
                        defaultValue={l.quantity}
                        key={`${l.productId}:${l.quantity}`}
                        aria-label={t('quantityOf', { name: l.name })}
                        className="w-20 rounded-md border border-slate-300 px-2 py-1"
                        onBlur={(e) => {
                          const quantity = Number(e.currentTarget.value);
                          if (quantity !== l.quantity) setLine.mutate({ ticketId: ticket.id, productId: l.productId, quantity });
                        }}
                      />
                    ) : (
                      l.quantity
                    )}
                  </td>
                  <td className="py-2 pr-3">
                    {sell ? (
                      <input type="checkbox" checked={l.sold} aria-label={t('soldOf', { name: l.name })} onChange={(e) => setLine.mutate({ ticketId: ticket.id, productId: l.productId, quantity: l.quantity, sold: e.currentTarget.checked })} />
                    ) : l.sold ? t('sold') : t('toSell')}
                  </td>
                  {billing ? <td className="py-2 pr-3 text-right tabular-nums">{money(l.unitPrice)}</td> : null}
                  {billing ? <td className="py-2 pr-3 text-right tabular-nums">{l.taxRate === undefined ? '—' : `${percent.format(l.taxRate)} %`}</td> : null}
                  {billing ? <td className="py-2 pr-3 text-right tabular-nums">{money(l.total)}</td> : null}
                  {sell ? (
                    <td className="py-2 text-right">
                      <Button variant="secondary" aria-label={t('remove', { name: l.name })} onClick={() => removeLine.mutate({ ticketId: ticket.id, productId: l.productId })}><X aria-hidden className="h-4 w-4" /></Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
            {billing && products.data && 'total' in products.data ? (
              <tfoot>
                <tr className="border-t border-slate-300 font-semibold">
                  <td className="py-2 pr-3" colSpan={5}>{t('total')}</td>
                  <td className="py-2 pr-3 text-right tabular-nums" data-testid="products-total">{money(products.data.total)}</td>
                  {sell ? <td /> : null}
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
        {sell ? (
          <form noValidate onSubmit={add} aria-label={t('add')} className="mt-4 flex flex-wrap items-end gap-3">
            <div className="min-w-64 flex-1">
              <Select
                label={t('product')}
                name="productId"
                value={chosen}
                onChange={(e) => setChosen(e.currentTarget.value)}
                options={[{ value: '', label: t('choose') }, ...offered.map((p) => ({ value: p.id, label: `${p.name} (${p.code})${'price' in p && p.price !== undefined ? ` · ${money(p.price)}` : ''}` }))]}
              />
            </div>
            <div className="w-28"><TextInput label={t('quantity')} name="quantity" type="number" min={1} max={9999} defaultValue={1} /></div>
            <Button type="submit" disabled={!chosen || setLine.isPending}>{t('add')}</Button>
          </form>
        ) : null}
      </Card>
      {products.data ? <TicketCollection ticket={ticket} collection={products.data.collection} onChanged={refresh} /> : null}
    </div>
  );
}

type Collection = { cost?: number | null; toTechnician: boolean; amount?: number | null; method: (typeof METHODS)[number] | null; at: Date | null; by: { id: string; name: string } | null };

/** G9: the cost (set by billing roles), shown to the technician or not, and what was collected. */
function TicketCollection({ ticket, collection, onChanged }: { ticket: TicketLike; collection: Collection; onChanged: () => Promise<unknown> }) {
  const t = useTranslations('products.collection');
  const tv = useTranslations('ticketView');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const can = useCan();
  const { tenant, intl } = useStaffContext();
  const [saved, setSaved] = useState<string | null>(null);
  const update = useMutation(trpc.tickets.update.mutationOptions({ onSuccess: async () => { setSaved(common('saved')); await onChanged(); } }));
  const collect = useMutation(trpc.products.collect.mutationOptions({ onSuccess: async () => { setSaved(t('recorded')); await onChanged(); } }));
  const money = (n: number) => formatMoney(n, tenant.currency, intl);
  const costErrors = formErrors(update.error);
  const collectErrors = formErrors(collect.error);
  const billing = can('billing.read') && 'cost' in collection;
  const open = ticket.stage !== 'CLOSED';

  function saveCost(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const f = new FormData(event.currentTarget);
    const raw = String(f.get('cost') ?? '').trim().replace(',', '.');
    update.mutate({ id: ticket.id, version: ticket.version, cost: raw === '' ? null : Number(raw), costToTechnician: f.get('costToTechnician') === 'on' });
  }
  function record(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const f = new FormData(event.currentTarget);
    collect.mutate({ ticketId: ticket.id, amount: String(f.get('amount') ?? ''), method: String(f.get('method')) as (typeof METHODS)[number] });
  }

  return (
    <Card title={t('title')}>
      {saved ? <p role="status" className="mb-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">{saved}</p> : null}
      <dl className="mb-4 grid max-w-xl gap-2 text-sm">
        {billing ? (
          <div className="flex justify-between gap-4"><dt className="font-medium">{t('cost')}</dt><dd data-testid="collection-cost">{collection.cost != null ? money(collection.cost) : t('noCost')}</dd></div>
        ) : null}
        <div className="flex justify-between gap-4"><dt className="font-medium">{t('toTechnician')}</dt><dd>{collection.toTechnician ? common('yes') : common('no')}</dd></div>
        <div className="flex justify-between gap-4">
          <dt className="font-medium">{t('collected')}</dt>
          <dd data-testid="collection-collected" className="text-right">
            {collection.at && collection.method
              ? t('collectedBy', {
                  amount: billing && collection.amount != null ? money(collection.amount) : '—',
                  method: tv(`collectionMethod.${collection.method}`),
                  name: collection.by?.name ?? '—',
                  when: formatDateTime(collection.at, intl, tenant.timeZone),
                })
              : t('notCollected')}
          </dd>
        </div>
        {billing && collection.cost != null && collection.amount != null && collection.amount !== collection.cost ? (
          <div className="flex justify-between gap-4 text-amber-800"><dt className="font-medium">{t('difference')}</dt><dd data-testid="collection-difference">{money(collection.amount - collection.cost)}</dd></div>
        ) : null}
      </dl>
      {can('tickets.billing') && open ? (
        <form noValidate onSubmit={saveCost} aria-label={t('title')} className="mb-4 flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4">
          {costErrors.message ? <div className="w-full"><Alert>{costErrors.message}</Alert></div> : null}
          <div className="w-40"><TextInput label={t('cost')} name="cost" inputMode="decimal" defaultValue={collection.cost ?? ''} error={costErrors.field('cost')} /></div>
          <Checkbox label={t('toTechnician')} name="costToTechnician" defaultChecked={ticket.costToTechnician} />
          <Button type="submit" disabled={update.isPending}>{common('save')}</Button>
        </form>
      ) : null}
      {can('tickets.collect') && billing && open ? (
        <form noValidate onSubmit={record} aria-label={t('record')} className="flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4">
          {collectErrors.message ? <div className="w-full"><Alert>{[collectErrors.message, ...Object.values(collectErrors.fields)].join(' ')}</Alert></div> : null}
          <div className="w-40"><TextInput label={t('amount')} name="amount" inputMode="decimal" error={collectErrors.field('amount')} /></div>
          <div className="w-44"><Select label={t('method')} name="method" options={METHODS.map((m) => ({ value: m, label: tv(`collectionMethod.${m}`) }))} /></div>
          <Button type="submit" disabled={collect.isPending}>{t('record')}</Button>
        </form>
      ) : null}
    </Card>
  );
}
