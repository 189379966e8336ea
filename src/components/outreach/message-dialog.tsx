'use client';
// D2: writing by hand — a push to a staff member, or a push or an SMS to one or many customers — in
// a native dialog. Counters say how much text fits (an SMS as carriers count it: sms-parts.ts); the
// server checks the same limits and answers field by field. What a send did ("12 enviados a la
// cola, 3 sin teléfono") goes back to the page that opened the dialog.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { OUTREACH_LIMITS } from '@/lib/outreach';
import { SMS_MAX_PARTS, smsLength } from '@/lib/sms-parts';
import { Alert, Button, Field, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useSubmission } from '@/components/ui/use-submission';

type Summary = RouterOutputs['notify']['customers'];
type Channel = 'PUSH' | 'SMS';
export type MessageTarget = { kind: 'user'; userId: string; name: string } | { kind: 'customers'; customerIds: string[]; name?: string };

const REASONS = ['queued', 'noPhone', 'invalidPhone', 'noDevice', 'noProvider'] as const;

/** "12 enviados a la cola, 3 sin teléfono" — only the counts there are. */
export function useSummaryText() {
  const t = useTranslations('outreach');
  return (summary: Summary) =>
    REASONS.filter((r) => r === 'queued' || summary[r] > 0)
      .map((r) => t(`result.${r}`, { count: summary[r] }))
      .join(', ');
}

const FIELD = 'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600';

export function MessageDialog({ target, label, onSent, disabled }: { target: MessageTarget; label: string; onSent: (text: string) => void; disabled?: boolean }) {
  const t = useTranslations('outreach');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const summaryText = useSummaryText();
  const forCustomers = target.kind === 'customers';
  const channels = useQuery({ ...trpc.notify.channels.queryOptions(), enabled: forCustomers });
  const smsReady = channels.data?.sms ?? false;
  const [channel, setChannel] = useState<Channel>('PUSH');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [link, setLink] = useState('');

  const done = async (summary: Summary) => {
    dialog.current?.close();
    setTitle('');
    setText('');
    setLink('');
    onSent(summaryText(summary));
    await queryClient.invalidateQueries({ queryKey: trpc.messages.pathKey() });
  };
  const toUser = useMutation(trpc.notify.user.mutationOptions({ onSuccess: done }));
  const toCustomers = useMutation(trpc.notify.customers.mutationOptions({ onSuccess: done }));
  const pending = toUser.isPending || toCustomers.isPending;
  const submission = useSubmission();
  const errors = formErrors(toUser.error ?? toCustomers.error);
  const sms = forCustomers && channel === 'SMS';
  const smsSize = smsLength(text);

  function open() {
    toUser.reset();
    toCustomers.reset();
    dialog.current?.showModal();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    // A double click sends once: a second submit waits for the first's answer.
    if (!submission.begin()) return;
    if (target.kind === 'user') toUser.mutate({ userId: target.userId, title, text, link }, { onSettled: (_data, error) => submission.end(!error) });
    else if (sms) toCustomers.mutate({ channel: 'SMS', customerIds: target.customerIds, text }, { onSettled: (_data, error) => submission.end(!error) });
    else toCustomers.mutate({ channel: 'PUSH', customerIds: target.customerIds, title, text, link }, { onSettled: (_data, error) => submission.end(!error) });
  }

  const counter = (value: string, max: number) => <span className={value.length > max ? 'font-medium text-red-700' : undefined}>{t('counter', { count: value.length, max })}</span>;
  // An SMS counts as carriers do: its characters against what SMS_MAX_PARTS parts carry, and its parts.
  const smsCounter = (
    <>
      <span className={smsSize.parts > SMS_MAX_PARTS ? 'font-medium text-red-700' : undefined}>{t('smsCounter', { count: smsSize.units, max: smsSize.max, parts: smsSize.parts })}</span>
      {smsSize.unicode ? <span className="block">{t('smsUnicode')}</span> : null}
    </>
  );
  const heading = target.kind === 'user' ? t('pushDialogTitle', { name: target.name }) : t('dialogTitle');

  return (
    <>
      <Button variant="secondary" onClick={open} disabled={disabled}>
        {label}
      </Button>
      <dialog ref={dialog} aria-labelledby={headingId} className="m-auto w-full max-w-lg rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <form onSubmit={submit} noValidate className="space-y-4">
          <div>
            <h2 id={headingId} className="text-lg font-semibold text-slate-900">{heading}</h2>
            {target.kind === 'customers' ? (
              <p className="text-sm text-slate-700">{target.name && target.customerIds.length === 1 ? t('toOne', { name: target.name }) : t('toCustomers', { count: target.customerIds.length })}</p>
            ) : null}
          </div>
          {errors.message ? <Alert>{errors.field('customerIds') ?? errors.message}</Alert> : null}
          {forCustomers ? (
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-slate-700">{t('channel')}</legend>
              <div className="flex flex-wrap gap-4">
                {(['PUSH', 'SMS'] as const).map((c) => (
                  <label key={c} className="flex items-center gap-2 text-sm text-slate-800">
                    <input type="radio" name="channel" value={c} checked={channel === c} disabled={c === 'SMS' && !smsReady} onChange={() => setChannel(c)} />
                    {c === 'PUSH' ? t('channelPush') : t('channelSms')}
                  </label>
                ))}
              </div>
              {channels.data && !smsReady ? <p className="text-xs text-slate-600">{t('smsOff')}</p> : null}
            </fieldset>
          ) : null}
          {!sms ? (
            <Field label={t('title')} error={errors.field('title')} hint={counter(title, OUTREACH_LIMITS.title)}>
              {(a) => <input className={FIELD} {...a} value={title} onChange={(e) => setTitle(e.target.value)} />}
            </Field>
          ) : null}
          <Field label={t('text')} error={errors.field('text')} hint={sms ? smsCounter : counter(text, OUTREACH_LIMITS.pushText)}>
            {(a) => <textarea className={FIELD} rows={sms ? 3 : 5} {...a} value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          {!sms ? <TextInput label={t('link')} type="url" inputMode="url" placeholder="https://" value={link} onChange={(e) => setLink(e.target.value)} error={errors.field('link')} hint={t('linkHint')} /> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              {common('cancel')}
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? t('sending') : t('submit')}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
