'use client';
// What the CSV imports (customers, A7; invoices and payments, A5) share: the upload's state and its two
// requests (preview, then confirm — one request at a time, focus on what it produced), the file and
// encoding fields, and the preview's report (how the file was read, the problems by row and column,
// the first rows, the confirm button). Each import adds its own columns and words.
import Link from 'next/link';
import { useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslations } from 'next-intl';
import { Alert, Button, Card, Select } from '@/components/ui/controls';
import { FilePicker } from '@/components/ui/file-picker';

export type Encoding = 'auto' | 'utf-8' | 'windows-1252';
export type Mode = 'preview' | 'commit';

/** What both import services answer (their counts, rows and results differ). */
type Report = {
  mode: Mode;
  ok: boolean;
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be' | null;
  encodingFallback: boolean;
  delimiter: ';' | ',' | '\t' | null;
  sample: unknown[];
  errors: { row: number | null; column: string | null; message: string }[];
  errorCount: number;
};

const ENCODING_KEYS = { 'utf-8': 'utf8', 'windows-1252': 'windows1252', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be' } as const;
const DELIMITER_KEYS = { ';': 'semicolon', ',': 'comma', '\t': 'tab' } as const;
export const LINK = 'inline-flex min-h-10 items-center rounded-md px-4 py-2 text-sm font-medium';
export const TH = 'whitespace-nowrap px-3 py-2 text-left font-semibold text-slate-700';
export const TD = 'px-3 py-2 align-top';

/**
 * The upload: `post` sends the file for a preview or the commit; a file over `maxUploadMb` is refused
 * here first. The report of a successful commit is `done`, any other answer `preview`.
 */
export function useImportFlow<R extends Report>({ maxUploadMb, post }: { maxUploadMb: number; post: (file: File, mode: Mode, encoding: Encoding) => Promise<Response> }) {
  const t = useTranslations('customerImport');
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [busy, setBusy] = useState<Mode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<R | null>(null);
  const [done, setDone] = useState<R | null>(null);
  const [formKey, setFormKey] = useState(0);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const sending = useRef(false);

  // Move focus to what the last action produced, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (preview || done) resultHeading.current?.focus();
  }, [preview, done]);

  function reset() {
    setFile(null);
    setPreview(null);
    setDone(null);
    setError(null);
    setFormKey((k) => k + 1);
  }

  async function send(mode: Mode) {
    if (!file) return setError(t('chooseFile'));
    if (file.size > maxUploadMb * 1024 * 1024) return setError(t('errors.fileTooLarge', { max: maxUploadMb }));
    // A double click on "Import" imports once: a second request waits for the first's answer.
    if (sending.current) return;
    sending.current = true;
    setBusy(mode);
    setError(null);
    try {
      const response = await post(file, mode, encoding);
      const json = (await response.json().catch(() => null)) as (R & { error?: undefined }) | { error: { message: string } } | null;
      if (!json) setError(response.status === 413 ? t('errors.fileTooLarge', { max: maxUploadMb }) : t('networkError'));
      else if (json.error) setError(json.error.message);
      else if (json.mode === 'commit' && json.ok) {
        setPreview(null);
        setDone(json);
      } else setPreview(json);
    } catch {
      setError(t('networkError'));
    } finally {
      sending.current = false;
      setBusy(null);
    }
  }

  return {
    encoding,
    busy,
    error,
    preview,
    done,
    formKey,
    resultHeading,
    reset,
    commit: () => void send('commit'),
    submit(event: FormEvent<HTMLFormElement>) {
      event.preventDefault();
      void send('preview');
    },
    /** Another file or encoding: the preview no longer applies. */
    chooseFile(next: File | null) {
      setFile(next);
      setPreview(null);
      setError(null);
    },
    chooseEncoding(next: Encoding) {
      setEncoding(next);
      setPreview(null);
    },
    forget: () => setPreview(null),
  };
}

type Flow = ReturnType<typeof useImportFlow>;

/** The form: what the import adds (`children`, before the file), the file, the encoding, the preview button. */
export function ImportForm({ flow, maxUploadMb, children }: { flow: Pick<Flow, 'formKey' | 'submit' | 'chooseFile' | 'chooseEncoding' | 'encoding' | 'error' | 'busy'>; maxUploadMb: number; children?: ReactNode }) {
  const t = useTranslations('customerImport');
  return (
    <Card>
      <form key={flow.formKey} onSubmit={flow.submit} noValidate className="grid gap-4 sm:grid-cols-2">
        {children}
        <FilePicker
          label={t('file')}
          hint={t('fileHint', { max: maxUploadMb })}
          name="file"
          accept=".csv,text/csv,text/plain"
          required
          onChange={(e) => flow.chooseFile(e.target.files?.[0] ?? null)}
        />
        <Select
          label={t('encoding')}
          name="encoding"
          value={flow.encoding}
          onChange={(e) => flow.chooseEncoding(e.target.value as Encoding)}
          options={[
            { value: 'auto', label: t('encodingOptions.auto') },
            { value: 'utf-8', label: t('encodingOptions.utf8') },
            { value: 'windows-1252', label: t('encodingOptions.windows1252') },
          ]}
        />
        {flow.error ? (
          <div className="sm:col-span-2">
            <Alert>{flow.error}</Alert>
          </div>
        ) : null}
        <div className="flex justify-end sm:col-span-2">
          <Button type="submit" disabled={flow.busy !== null} aria-busy={flow.busy === 'preview'}>
            {flow.busy === 'preview' ? t('previewing') : t('preview')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** A committed import: what was written (`children`), the way back to the customers, another import. */
export function ImportDone({ title, headingRef, onAnother, children }: { title: string; headingRef: RefObject<HTMLHeadingElement | null>; onAnother: () => void; children: ReactNode }) {
  const t = useTranslations('customerImport');
  return (
    <Card>
      <h2 ref={headingRef} tabIndex={-1} className="sr-only">
        {title}
      </h2>
      <Alert tone="success">{children}</Alert>
      <div className="mt-4 flex flex-wrap gap-2">
        <Link href="/customers" className={`${LINK} bg-brand-600 text-white hover:bg-brand-700`}>
          {t('goToCustomers')}
        </Link>
        <Button variant="secondary" onClick={onAnother}>
          {t('importAnother')}
        </Button>
      </div>
    </Card>
  );
}

/**
 * A preview: `heading` (the counts), how the file was read, its problems or that it is ready, the first
 * rows (`sampleHead` and `sampleRows`, the import's own columns) and, without problems, the confirm button.
 */
export function ImportPreview({
  report,
  headingRef,
  heading,
  busy,
  onCommit,
  commitLabel,
  sampleHead,
  sampleRows,
}: {
  report: Report;
  headingRef: RefObject<HTMLHeadingElement | null>;
  heading: string;
  busy: Mode | null;
  onCommit: () => void;
  commitLabel: string;
  sampleHead: ReactNode;
  sampleRows: ReactNode;
}) {
  const t = useTranslations('customerImport');
  const shown = report.errors.length;
  return (
    <Card>
      <h2 ref={headingRef} tabIndex={-1} className="mb-3 text-base font-semibold text-slate-900 focus:outline-none">
        {heading}
      </h2>
      <div className="space-y-3 text-sm">
        {report.encoding && report.delimiter ? (
          <p className="text-slate-700">
            {t('readAs', { encoding: t(`encodingNames.${ENCODING_KEYS[report.encoding]}`), delimiter: t(`delimiters.${DELIMITER_KEYS[report.delimiter]}`) })}
          </p>
        ) : null}
        {report.encodingFallback ? <Alert tone="info">{t('encodingFallback')}</Alert> : null}

        {report.errorCount ? (
          <>
            <Alert>
              {t('problemsTitle', { count: report.errorCount })}
              {shown < report.errorCount ? ` ${t('problemsTruncated', { shown })}` : null}
            </Alert>
            <div className="max-h-[28rem] overflow-auto rounded-lg border border-slate-200">
              <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="import-problems">
                <caption className="sr-only">{t('problemsCaption')}</caption>
                <thead className="sticky top-0 bg-slate-50">
                  <tr>
                    <th scope="col" className={TH}>{t('columns.row')}</th>
                    <th scope="col" className={TH}>{t('columns.column')}</th>
                    <th scope="col" className={TH}>{t('columns.problem')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {report.errors.map((e, i) => (
                    <tr key={i}>
                      <td className={`${TD} tabular-nums`}>{e.row ?? t('wholeFile')}</td>
                      <td className={TD}>{e.column ?? '—'}</td>
                      <td className={`${TD} text-red-800`}>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <Alert tone="success">{t('ready')}</Alert>
        )}

        {report.sample.length ? (
          <>
            <h3 className="pt-2 font-semibold text-slate-900">{t('sampleTitle')}</h3>
            <div className="relative overflow-x-auto rounded-lg border border-slate-200">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">{t('sampleTitle')}</caption>
                <thead className="bg-slate-50">
                  <tr>{sampleHead}</tr>
                </thead>
                <tbody className="divide-y divide-slate-100">{sampleRows}</tbody>
              </table>
            </div>
          </>
        ) : null}

        {report.ok ? (
          <div className="flex flex-wrap items-center justify-end gap-3 pt-2">
            {busy === 'commit' ? <p role="status" className="text-slate-700">{t('committing')}</p> : null}
            <Button onClick={onCommit} disabled={busy !== null} aria-busy={busy === 'commit'}>
              {commitLabel}
            </Button>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
