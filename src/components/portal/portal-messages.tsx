'use client';
// F8: the tenant's info/contact message behind the info icon (top left), and the welcome message,
// shown in a dialog the first time a customer signs in — the server records that it was shown
// (portal.messages.welcomeSeen) as soon as it opens, so it never appears again. Both are plain text.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Info, X } from 'lucide-react';
import { lazyApiClient } from '@/trpc/lazy-client';
import { isFreshPage } from './portal-offline';
import { Button } from '@/components/ui/controls';

/** A modal dialog with a title and plain text; Escape or the button closes it. */
function MessageDialog({ open, title, text, onClose }: { open: boolean; title: string; text: string; onClose: () => void }) {
  const t = useTranslations('portal');
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} aria-labelledby={`${id}-title`} className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg p-5 shadow-xl backdrop:bg-slate-900/40" onClose={onClose}>
      <div className="mb-3 flex items-start justify-between gap-2">
        <h2 id={`${id}-title`} className="text-lg font-semibold">{title}</h2>
        <button type="button" className="rounded p-1 text-slate-600 hover:bg-slate-100" aria-label={t('close')} onClick={() => dialog.current?.close()}>
          <X aria-hidden="true" className="h-5 w-5" />
        </button>
      </div>
      {/* Plain text: React escapes it; line breaks are kept by CSS, never turned into markup. */}
      <p className="whitespace-pre-wrap break-words text-sm text-slate-800">{text}</p>
      <div className="mt-5 flex justify-end">
        <Button onClick={() => dialog.current?.close()}>{t('understood')}</Button>
      </div>
    </dialog>
  );
}

/** What portal.messages.get answers; the layout reads it on the server. */
export type PortalMessagesData = { welcome: string | null; info: string | null };

/**
 * `welcome`: the message not yet seen (null once it was). The kept copy of a page (offline, F14) is not
 * a sign-in: the welcome shows only on a page fresh from the network, and the server is told it was
 * seen through the API client, loaded only then.
 */
export function PortalMessages({ welcome: pending, info, savedAt }: PortalMessagesData & { savedAt: number }) {
  const t = useTranslations('portal');
  const [infoOpen, setInfoOpen] = useState(false);
  const [welcome, setWelcome] = useState<string | null>(null);
  const recorded = useRef(false);
  useEffect(() => {
    if (!pending || recorded.current || !isFreshPage(savedAt)) return;
    recorded.current = true;
    setWelcome(pending);
    void lazyApiClient()
      .then((api) => api.portal.messages.welcomeSeen.mutate())
      .catch(() => undefined);
  }, [pending, savedAt]);
  return (
    <>
      {info ? (
        <button type="button" className="rounded-full p-1.5 text-brand-700 hover:bg-brand-50" aria-label={t('info')} onClick={() => setInfoOpen(true)}>
          <Info aria-hidden="true" className="h-6 w-6" />
        </button>
      ) : null}
      {info ? <MessageDialog open={infoOpen} title={t('info')} text={info} onClose={() => setInfoOpen(false)} /> : null}
      {welcome ? <MessageDialog open title={t('welcomeTitle')} text={welcome} onClose={() => setWelcome(null)} /> : null}
    </>
  );
}
