'use client';
// F9 "Pagar": the tenant's payment methods — Mercado Pago Checkout Pro when it has its credentials,
// and the other ways to pay it describes — and the amount, as the seed's "Cobro con botón de pago"
// offers it: the overdue debt, the last invoice, the total, or typed by hand. The server works the
// figure out again and refuses what it does not offer; the browser then goes to Mercado Pago.
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { formatMoney } from '@/lib/format';
import { useTRPC } from '@/trpc/react';
import { Alert, Button, Card, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';

type Choice = 'OVERDUE' | 'LAST_INVOICE' | 'TOTAL' | 'MANUAL';

export function PortalPay({ intl, digits }: { intl: string; digits: number }) {
  const t = useTranslations('portalHome');
  const portal = useTranslations('portal');
  const trpc = useTRPC();
  const home = useQuery(trpc.portal.home.queryOptions());
  const [choice, setChoice] = useState<Choice | null>(null);
  const [typed, setTyped] = useState('');
  const checkout = useMutation(trpc.portal.pay.checkout.mutationOptions({ onSuccess: (c) => window.location.assign(c.initPoint) }));
  const errors = formErrors(checkout.error);
  if (home.error) return <Alert>{home.error.message}</Alert>;
  if (!home.data) return <p role="status" className="text-sm text-slate-700">{portal('loading')}</p>;
  const h = home.data;
  const money = (amount: number) => formatMoney(amount, h.currency, intl);
  const selected = choice ?? h.pay.choices[0]?.choice ?? null;
  const offered = h.pay.choices.find((c) => c.choice === selected);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!selected) return;
    checkout.mutate(selected === 'MANUAL' ? { choice: selected, amount: typed } : { choice: selected });
  }
  const redirecting = checkout.isPending || checkout.isSuccess;
  return (
    <div className="space-y-4">
      {!h.pay.online && !h.pay.otherMethods ? <Alert tone="info">{t('noMethods')}</Alert> : null}
      {h.pay.online ? (
        <Card title={t('mercadoPago')}>
          <form onSubmit={submit} noValidate className="space-y-4" aria-label={t('mercadoPago')}>
            <p className="text-sm text-slate-700">{t('mercadoPagoHint')}</p>
            {h.debt === 0 ? <p className="text-sm text-slate-700">{t('nothingToPay')}</p> : null}
            {errors.field('choice') ? <Alert>{errors.field('choice')}</Alert> : errors.message && !errors.field('amount') ? <Alert>{errors.message}</Alert> : null}
            <fieldset className="space-y-2">
              <legend className="mb-1 text-sm font-medium text-slate-800">{t('choiceLabel')}</legend>
              {h.pay.choices.map((c) => (
                <label key={c.choice} className="flex cursor-pointer items-center justify-between gap-3 rounded-md border border-slate-300 px-3 py-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                  <span className="flex items-center gap-2 text-sm text-slate-900">
                    <input type="radio" name="choice" value={c.choice} checked={selected === c.choice} onChange={() => setChoice(c.choice)} className="h-4 w-4" />
                    {t(`choice.${c.choice}`)}
                  </span>
                  {c.amount !== null ? <span className="text-sm font-semibold text-slate-900">{money(c.amount)}</span> : null}
                </label>
              ))}
            </fieldset>
            {selected === 'MANUAL' ? (
              <TextInput
                label={t('amountLabel')}
                name="amount"
                inputMode="decimal"
                autoComplete="off"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                hint={t('amountHint', { currency: h.currency, digits })}
                error={errors.field('amount')}
              />
            ) : offered && offered.amount !== null ? (
              <p className="text-sm text-slate-800">
                {t('amountLabel')}: <strong data-testid="pay-amount">{money(offered.amount)}</strong>
              </p>
            ) : null}
            <Button type="submit" className="w-full py-3 text-base" disabled={redirecting || !selected}>
              {redirecting ? t('redirecting') : t('goToMercadoPago')}
            </Button>
          </form>
        </Card>
      ) : null}
      {h.pay.otherMethods ? (
        <Card title={t('otherMethods')}>
          <p className="whitespace-pre-line break-words text-sm text-slate-800" data-testid="pay-other-methods">{h.pay.otherMethods}</p>
        </Card>
      ) : null}
      <Link href="/portal" className="inline-block text-sm font-medium text-brand-800 underline">{t('back')}</Link>
    </div>
  );
}

export function PortalPayResult({ intl, currency, paymentId, status }: { intl: string; currency: string; paymentId: string | null; status: string | null }) {
  const t = useTranslations('portalHome');
  const trpc = useTRPC();
  const failed = status === 'rejected' || status === 'failure' || status === 'null';
  // Mercado Pago's notification may arrive a moment after the customer: asked again for a while.
  const result = useQuery({
    ...trpc.portal.pay.result.queryOptions(paymentId && /^\d{1,20}$/.test(paymentId) ? { paymentId } : {}),
    enabled: !failed,
    refetchInterval: (q) => (q.state.data?.state === 'RECEIVED' || q.state.dataUpdateCount > 20 ? false : 2000),
  });
  let body;
  if (failed) body = <Alert>{t('failed')}</Alert>;
  else if (result.error) body = <Alert>{result.error.message}</Alert>;
  else if (!result.data) body = <p role="status" className="text-sm text-slate-700">{t('checking')}</p>;
  else if (result.data.state === 'RECEIVED') body = <Alert tone="success">{t('received', { amount: formatMoney(result.data.amount ?? 0, currency, intl) })}</Alert>;
  else body = <Alert tone="info">{t('pending')}</Alert>;
  return (
    <div className="space-y-4" data-testid="pay-result">
      {body}
      <Link href="/portal" className="inline-block text-sm font-medium text-brand-800 underline">{t('back')}</Link>
    </div>
  );
}
