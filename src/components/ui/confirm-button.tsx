'use client';
// A destructive action asks first, in a native modal dialog: the rest of the page is inert while it
// is open (focus stays in it), Escape cancels, focus starts on Cancel and returns where it was.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from './controls';

/** The question alone, opened by its caller (`open`); it answers with onConfirm or onCancel and closes. */
export function ConfirmDialog({ open, question, confirmLabel, onConfirm, onCancel }: {
  open: boolean;
  question: ReactNode;
  confirmLabel?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('common');
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  // Every way out (Cancel, Escape, Confirm) goes through the dialog's close event, once.
  const confirmed = useRef(false);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      confirmed.current = false;
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      aria-labelledby={`${id}-question`}
      className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40"
      onClose={() => (confirmed.current ? onConfirm() : onCancel())}
    >
      <p id={`${id}-question`} className="mb-6 text-sm text-slate-800">{question}</p>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={() => dialog.current?.close()}>
          {t('cancel')}
        </Button>
        <Button
          variant="danger"
          onClick={() => {
            confirmed.current = true;
            dialog.current?.close();
          }}
        >
          {confirmLabel ?? t('confirm')}
        </Button>
      </div>
    </dialog>
  );
}

/** A button whose action runs only once the user confirms it. */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, disabled, variant = 'danger', ariaLabel }: {
  label: ReactNode;
  question: ReactNode;
  confirmLabel?: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
  variant?: 'danger' | 'secondary';
  /** When the label alone does not say what it acts on (a row's "Delete"). */
  ariaLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} disabled={disabled} aria-label={ariaLabel} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <ConfirmDialog
        open={open}
        question={question}
        confirmLabel={confirmLabel}
        onCancel={() => setOpen(false)}
        onConfirm={() => {
          setOpen(false);
          onConfirm();
        }}
      />
    </>
  );
}
