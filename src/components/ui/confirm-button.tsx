'use client';
// A destructive action asks first, in an accessible native dialog.
import { useRef, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from './controls';

export function ConfirmButton({ label, question, confirmLabel, onConfirm, disabled, variant = 'danger' }: {
  label: ReactNode;
  question: ReactNode;
  confirmLabel?: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
  variant?: 'danger' | 'secondary';
}) {
  const t = useTranslations('common');
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button variant={variant} disabled={disabled} onClick={() => dialog.current?.showModal()}>
        {label}
      </Button>
      <dialog ref={dialog} className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40" aria-modal="true">
        <p className="mb-6 text-sm text-slate-800">{question}</p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </Button>
          <Button
            variant={variant}
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
          >
            {confirmLabel ?? t('confirm')}
          </Button>
        </div>
      </dialog>
    </>
  );
}
