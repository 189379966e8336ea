'use client';
// A file input whose button and "no file chosen" text are ours, translated — the browser's own
// are in the browser's language, not the user's. The input itself stays in the form (visually
// hidden, still focusable and labelled), so forms read it with FormData as usual.
import { useEffect, useId, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';

type Props = { label: ReactNode; name: string; accept?: string; multiple?: boolean; required?: boolean; hint?: ReactNode; error?: string; onChange?: (event: ChangeEvent<HTMLInputElement>) => void };

export function FilePicker({ label, name, accept, multiple, required, hint, error, onChange }: Props) {
  const t = useTranslations('common');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    const form = input.current?.form;
    const clear = () => setNames([]);
    form?.addEventListener('reset', clear);
    return () => form?.removeEventListener('reset', clear);
  }, []);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <input
          ref={input}
          id={id}
          type="file"
          name={name}
          accept={accept}
          multiple={multiple}
          required={required}
          aria-invalid={Boolean(error)}
          aria-describedby={hint || error ? `${id}-note` : undefined}
          className="peer sr-only"
          onChange={(event) => {
            setNames(Array.from(event.target.files ?? []).map((f) => f.name));
            onChange?.(event);
          }}
        />
        <label htmlFor={id} className="inline-flex min-h-10 cursor-pointer items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-brand-600">
          {multiple ? t('chooseFiles') : t('chooseFile')}
        </label>
        <span className="text-sm text-slate-600" data-testid="chosen-files">{names.length ? names.join(', ') : multiple ? t('noFilesChosen') : t('noFileChosen')}</span>
      </div>
      {hint || error ? (
        <p id={`${id}-note`} className={`mt-1 text-xs ${error ? 'text-red-700' : 'text-slate-600'}`}>{error ?? hint}</p>
      ) : null}
    </div>
  );
}
