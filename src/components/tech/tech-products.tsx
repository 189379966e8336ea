'use client';
// G8/G9 in the technician app: the products sold on the visit (add from the catalogue, one more, one
// less, delivered, remove) and, when the office shows it, the cost to collect and what was collected.
// Each action goes into the device's queue with its own key (E9), so it works offline; the lines show
// the device's copy with the queued changes already applied, marked as waiting.
import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Minus, Plus, X } from 'lucide-react';
import { Alert, Button, Select, TextInput } from '@/components/ui/controls';
import { useStaffContext } from '@/components/shell/permissions';
import { formatMoney } from '@/lib/format';
import type { TechTicket } from './offline/types';
import { linesWithQueue } from './offline/product-lines';
import { useTech } from './use-tech';

const METHODS = ['CASH', 'CARD', 'TRANSFER', 'OTHER'] as const;
export function TechProducts({ ticket }: { ticket: TechTicket }) {
  const t = useTranslations('tech');
  const tv = useTranslations('ticketView');
  const { snapshot, queue, enqueue } = useTech();
  const { tenant, intl } = useStaffContext();
  const [chosen, setChosen] = useState('');
  const [queued, setQueued] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const lines = linesWithQueue(ticket, queue);
  const catalogue = snapshot?.home.catalogue ?? [];
  const open = ticket.stage !== 'CLOSED';
  const offered = catalogue.filter((p) => !lines.some((l) => l.productId === p.id));
  const base = { ticketId: ticket.id, ticketNumber: ticket.number, createdAt: new Date(), status: 'pending' as const };
  const setLine = (line: { productId: string; name: string }, quantity: number | null, sold?: boolean) =>
    enqueue([{ ...base, key: crypto.randomUUID(), kind: 'product', productId: line.productId, productName: line.name, quantity, ...(sold !== undefined ? { sold } : {}) }]);

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const product = catalogue.find((p) => p.id === f.get('productId'));
    const quantity = Number(f.get('quantity'));
    if (!product) return;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 9999) {
      setProblem(t('products.quantity'));
      return;
    }
    setProblem(null);
    void setLine({ productId: product.id, name: product.name }, quantity);
    setChosen('');
    event.currentTarget.reset();
  }

  function collect(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const amount = String(f.get('amount') ?? '').trim();
    if (!amount) return;
    void enqueue([{ ...base, key: crypto.randomUUID(), kind: 'collect', amount, method: String(f.get('method')) as (typeof METHODS)[number] }]);
    setQueued(true);
    event.currentTarget.reset();
  }

  const c = ticket.collection ?? null;
  return (
    <div className="space-y-4">
      <section aria-label={t('products.title')} className="space-y-2">
        <h2 className="text-sm font-semibold">{t('products.title')}</h2>
        {!open ? <p className="text-sm text-slate-600">{t('products.closed')}</p> : null}
        {lines.length === 0 ? <p className="text-sm text-slate-600">{t('products.empty')}</p> : null}
        <ul className="space-y-2">
          {lines.map((l) => (
            <li key={l.productId} data-testid="tech-product-line" className="rounded-md border border-slate-200 p-2 text-sm">
              <div className="flex items-center justify-between gap-2">
                <span>
                  <span className="font-medium">{l.name}</span> <span className="font-mono text-xs text-slate-600">{l.code}</span>
                  {l.waiting ? <span className="block text-xs text-slate-600">{t('products.pending')}</span> : null}
                </span>
                <span className="text-base font-semibold tabular-nums" data-testid="tech-product-quantity">{t('products.units', { quantity: l.quantity })}</span>
              </div>
              {open ? (
                <div className="mt-2 flex items-center gap-2">
                  <Button variant="secondary" aria-label={t('products.less', { name: l.name })} disabled={l.quantity <= 1} onClick={() => void setLine(l, l.quantity - 1)}><Minus aria-hidden className="h-4 w-4" /></Button>
                  <Button variant="secondary" aria-label={t('products.more', { name: l.name })} disabled={l.quantity >= 9999} onClick={() => void setLine(l, l.quantity + 1)}><Plus aria-hidden className="h-4 w-4" /></Button>
                  <label className="ml-auto flex items-center gap-1 text-xs">
                    <input type="checkbox" checked={l.sold} aria-label={t('products.soldOf', { name: l.name })} onChange={(e) => void setLine(l, l.quantity, e.currentTarget.checked)} />
                    {t('products.sold')}
                  </label>
                  <Button variant="ghost" aria-label={t('products.remove', { name: l.name })} onClick={() => void setLine(l, null)}><X aria-hidden className="h-4 w-4" /></Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        {open && offered.length ? (
          <form noValidate onSubmit={add} aria-label={t('products.add')} className="space-y-2 rounded-md border border-dashed border-slate-300 p-2">
            {problem ? <Alert>{problem}</Alert> : null}
            <Select label={t('products.product')} name="productId" value={chosen} onChange={(e) => setChosen(e.currentTarget.value)} options={[{ value: '', label: t('products.choose') }, ...offered.map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))]} />
            <TextInput label={t('products.quantity')} name="quantity" type="number" inputMode="numeric" min={1} max={9999} defaultValue={1} />
            <Button type="submit" className="w-full" disabled={!chosen}>{t('products.add')}</Button>
          </form>
        ) : null}
      </section>
      {c ? (
        <section aria-label={t('collection.title')} className="space-y-2 rounded-md border border-slate-200 p-2">
          <h2 className="text-sm font-semibold">{t('collection.title')}</h2>
          <dl className="text-sm">
            <div className="flex justify-between"><dt>{t('collection.toCollect')}</dt><dd className="font-semibold" data-testid="tech-to-collect">{c.toCollect === null ? '—' : formatMoney(c.toCollect, tenant.currency, intl)}</dd></div>
            {c.collected !== null && c.method ? (
              <div className="flex justify-between"><dt>{t('collection.collected')}</dt><dd data-testid="tech-collected">{formatMoney(c.collected, tenant.currency, intl)} · {tv(`collectionMethod.${c.method}`)}</dd></div>
            ) : null}
          </dl>
          {queued ? <p role="status" className="text-xs text-slate-600">{t('collection.queued')}</p> : null}
          {open ? (
            <form noValidate onSubmit={collect} aria-label={t('collection.record')} className="space-y-2">
              <TextInput label={t('collection.amount')} name="amount" inputMode="decimal" required />
              <Select label={t('collection.method')} name="method" options={METHODS.map((m) => ({ value: m, label: tv(`collectionMethod.${m}`) }))} />
              <Button type="submit" className="w-full">{t('collection.record')}</Button>
            </form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
