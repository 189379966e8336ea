'use client';
// C11: the ticket's "more actions" menu (the three dots of the spec): "Previsualizar PDF" opens the
// customer's copy in a tab; "Imprimir" and "Imprimir con comentarios" (the internal copy, with the
// internal notes) open it and ask the browser to print it. Each is a plain link to the PDF first: with
// a pop-up blocked, or where the browser's PDF viewer does not answer print(), the PDF is still there
// to print from the viewer. Escape or a click outside closes the menu.
import { useEffect, useId, useRef, useState, type MouseEvent } from 'react';
import { useTranslations } from 'next-intl';
import { EllipsisVertical, FileText, Printer } from 'lucide-react';

const ITEM = 'flex w-full items-center gap-2 px-3 py-2 text-left text-sm text-slate-800 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none';

export function TicketPrintMenu({ ticketId }: { ticketId: string }) {
  const t = useTranslations('ticketPdf.menu');
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  /** Opens the PDF in a tab and prints it once it has loaded; the link itself is the fallback. */
  function print(event: MouseEvent<HTMLAnchorElement>) {
    setOpen(false);
    const tab = window.open(event.currentTarget.getAttribute('href') ?? '', '_blank');
    if (!tab) return; // blocked: the link opens the PDF, printed from the viewer
    event.preventDefault();
    tab.addEventListener('load', () => {
      try {
        tab.print();
      } catch {
        // The viewer prints from its own button.
      }
    });
  }

  return (
    <div ref={box} className="relative print:hidden">
      <button
        type="button"
        className="inline-flex items-center rounded-md border border-slate-300 bg-white p-1.5 text-slate-700 hover:bg-slate-50"
        aria-label={t('open')}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        <EllipsisVertical aria-hidden className="h-5 w-5" />
      </button>
      {open ? (
        <ul id={menuId} aria-label={t('open')} className="absolute right-0 z-20 mt-1 w-60 overflow-hidden rounded-md border border-slate-200 bg-white py-1 shadow-lg">
          <li>
            <a className={ITEM} href={`/api/tickets/${ticketId}/pdf`} target="_blank" rel="noopener" onClick={() => setOpen(false)}>
              <FileText aria-hidden className="h-4 w-4" />
              {t('preview')}
            </a>
          </li>
          <li>
            <a className={ITEM} href={`/api/tickets/${ticketId}/pdf`} target="_blank" onClick={print}>
              <Printer aria-hidden className="h-4 w-4" />
              {t('print')}
            </a>
          </li>
          <li>
            <a className={ITEM} href={`/api/tickets/${ticketId}/pdf?comments=1`} target="_blank" onClick={print}>
              <Printer aria-hidden className="h-4 w-4" />
              {t('printWithComments')}
            </a>
          </li>
        </ul>
      ) : null}
    </div>
  );
}
