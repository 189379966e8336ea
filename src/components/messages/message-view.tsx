'use client';
// A message as it was sent: who, when, what the provider said, the plain text and — for an e-mail —
// its HTML, rendered in a sandboxed frame (no scripts, no same origin, no navigation), never in the page.
import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDateTime } from '@/lib/format';
import { Alert, Button } from '@/components/ui/controls';
import { useStaffContext } from '@/components/shell/permissions';
import { StatusBadge } from './status-badge';
import { useDeliveryReason } from './delivery-reason';

export function MessageView({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useTranslations('messageLog');
  const trpc = useTRPC();
  const { tenant, intl } = useStaffContext();
  const dialog = useRef<HTMLDialogElement>(null);
  const message = useQuery(trpc.messages.get.queryOptions({ id }));
  const reasonOf = useDeliveryReason();
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const m = message.data;
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="message-view-title"
      className="m-auto w-full max-w-3xl rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
        <h2 id="message-view-title" className="text-lg font-semibold">{m?.subject ?? t('dialogTitle')}</h2>
        <Button variant="ghost" onClick={() => dialog.current?.close()}>{t('close')}</Button>
      </div>
      <div className="max-h-[75vh] space-y-4 overflow-y-auto px-5 py-4 text-sm">
        {message.error ? <Alert>{message.error.message}</Alert> : null}
        {m ? (
          <>
            <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
              <dt className="font-medium text-slate-600">{t('columns.recipient')}</dt>
              <dd data-testid="message-recipient">{m.recipient}</dd>
              {m.customer ? (
                <>
                  <dt className="font-medium text-slate-600">{t('columns.customer')}</dt>
                  <dd>{m.customer.name}</dd>
                </>
              ) : null}
              <dt className="font-medium text-slate-600">{t('createdAt')}</dt>
              <dd>{formatDateTime(m.createdAt, intl, tenant.timeZone)}</dd>
              {m.sentAt ? (
                <>
                  <dt className="font-medium text-slate-600">{t('sentAt')}</dt>
                  <dd>{formatDateTime(m.sentAt, intl, tenant.timeZone)}</dd>
                </>
              ) : null}
              {m.sentBy ? (
                <>
                  <dt className="font-medium text-slate-600">{t('sentBy')}</dt>
                  <dd data-testid="message-sent-by">{m.sentBy.name}</dd>
                </>
              ) : null}
              <dt className="font-medium text-slate-600">{t('columns.status')}</dt>
              <dd className="space-x-2">
                <StatusBadge status={m.status} />
                <span className="text-slate-600">{t(`kind.${m.kind}`)} · {t('attempts', { count: m.attempts })}</span>
              </dd>
              {m.errorCode ? (
                <>
                  <dt className="font-medium text-slate-600">{t('reason')}</dt>
                  <dd data-testid="message-reason">{reasonOf(m)}</dd>
                </>
              ) : null}
              {m.link ? (
                <>
                  <dt className="font-medium text-slate-600">{t('link')}</dt>
                  <dd className="break-all">{m.link}</dd>
                </>
              ) : null}
            </dl>
            {m.html ? (
              <section aria-labelledby="message-html">
                <h3 id="message-html" className="mb-2 font-semibold">{t('htmlPreview')}</h3>
                <iframe title={t('htmlFrame')} sandbox="" srcDoc={m.html} referrerPolicy="no-referrer" className="h-96 w-full rounded-md border border-slate-200 bg-white" />
              </section>
            ) : null}
            <section aria-labelledby="message-text">
              <h3 id="message-text" className="mb-2 font-semibold">{t('plainText')}</h3>
              <pre className="whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-sans text-slate-800" data-testid="message-text">{m.text}</pre>
            </section>
          </>
        ) : null}
      </div>
    </dialog>
  );
}
