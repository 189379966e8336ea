'use client';
// A7: import customers from a CSV file — upload, preview (counts, first rows, problems by row and
// column), confirm, result. The server checks everything again on confirm and writes all or nothing.
import Link from 'next/link';
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslations } from 'next-intl';
import type { ImportReport } from '@/server/services/customers/import/import-customers';
import { Alert, Button, Card, Select } from '@/components/ui/controls';
import { FilePicker } from '@/components/ui/file-picker';

type Encoding = 'auto' | 'utf-8' | 'windows-1252';
type Mode = 'preview' | 'commit';

const ENCODING_KEYS = { 'utf-8': 'utf8', 'windows-1252': 'windows1252', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be' } as const;
const DELIMITER_KEYS = { ';': 'semicolon', ',': 'comma', '\t': 'tab' } as const;
const LINK = 'inline-flex min-h-10 items-center rounded-md px-4 py-2 text-sm font-medium';
const TH = 'whitespace-nowrap px-3 py-2 text-left font-semibold text-slate-700';
const TD = 'px-3 py-2 align-top';

export function CustomerImport({ maxUploadMb, columns }: { maxUploadMb: number; columns: string[] }) {
  const t = useTranslations('customerImport');
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [busy, setBusy] = useState<Mode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
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
      const body = new FormData();
      body.set('file', file);
      const response = await fetch(`/api/import/customers?mode=${mode}&encoding=${encoding}`, { method: 'POST', body });
      const json = (await response.json().catch(() => null)) as (ImportReport & { error?: undefined }) | { error: { message: string } } | null;
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

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send('preview');
  }

  if (done?.created) {
    return (
      <Card>
        <h2 ref={resultHeading} tabIndex={-1} className="sr-only">
          {t('title')}
        </h2>
        <Alert tone="success">{t('done', done.created)}</Alert>
        <div className="mt-4 flex flex-wrap gap-2">
          <Link href="/customers" className={`${LINK} bg-brand-600 text-white hover:bg-brand-700`}>
            {t('goToCustomers')}
          </Link>
          <Button variant="secondary" onClick={reset}>
            {t('importAnother')}
          </Button>
        </div>
      </Card>
    );
  }

  return (
    <div className="space-y-6">
      <Card title={t('formatTitle')}>
        <div className="space-y-2 text-sm text-slate-700">
          <p>{t('intro')}</p>
          <p>{t('formatColumns', { columns: columns.join(', ') })}</p>
          <p>{t('formatDetails')}</p>
          <p>
            <a href="/templates/clientes.csv" download className="font-medium text-brand-700 underline hover:text-brand-800">
              {t('downloadTemplate')}
            </a>
          </p>
        </div>
      </Card>

      <Card>
        <form key={formKey} onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
          <FilePicker
            label={t('file')}
            hint={t('fileHint', { max: maxUploadMb })}
            name="file"
            accept=".csv,text/csv,text/plain"
            required
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
              setError(null);
            }}
          />
          <Select
            label={t('encoding')}
            name="encoding"
            value={encoding}
            onChange={(e) => {
              setEncoding(e.target.value as Encoding);
              setPreview(null);
            }}
            options={[
              { value: 'auto', label: t('encodingOptions.auto') },
              { value: 'utf-8', label: t('encodingOptions.utf8') },
              { value: 'windows-1252', label: t('encodingOptions.windows1252') },
            ]}
          />
          {error ? (
            <div className="sm:col-span-2">
              <Alert>{error}</Alert>
            </div>
          ) : null}
          <div className="flex justify-end sm:col-span-2">
            <Button type="submit" disabled={busy !== null} aria-busy={busy === 'preview'}>
              {busy === 'preview' ? t('previewing') : t('preview')}
            </Button>
          </div>
        </form>
      </Card>

      {preview ? <PreviewPanel report={preview} headingRef={resultHeading} busy={busy} onCommit={() => void send('commit')} /> : null}
    </div>
  );
}

function PreviewPanel({ report, headingRef, busy, onCommit }: { report: ImportReport; headingRef: RefObject<HTMLHeadingElement | null>; busy: Mode | null; onCommit: () => void }) {
  const t = useTranslations('customerImport');
  const enums = useTranslations('enums');
  const shown = report.errors.length;
  return (
    <Card>
      <h2 ref={headingRef} tabIndex={-1} className="mb-3 text-base font-semibold text-slate-900 focus:outline-none">
        {t('counts', report.counts)}
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
              <table className="min-w-full divide-y divide-slate-200 text-sm">
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
                  <tr>
                    {(['row', 'code', 'name', 'taxId', 'contact', 'address', 'connection', 'plan', 'node', 'type', 'status', 'coordinates'] as const).map((c) => (
                      <th key={c} scope="col" className={TH}>{t(`columns.${c}`)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {report.sample.map((r) => (
                    <tr key={r.row}>
                      <td className={`${TD} tabular-nums`}>{r.row}</td>
                      <td className={TD}>{r.code}</td>
                      <td className={TD}>{r.name}</td>
                      <td className={`${TD} whitespace-nowrap`}>
                        {r.taxId ? `${r.taxIdType ? `${enums(`taxIdType.${r.taxIdType}`)} ` : ''}${r.taxId}` : '—'}
                      </td>
                      <td className={TD}>{[...r.emails, ...r.phones].join(', ') || '—'}</td>
                      <td className={TD}>{[r.address, r.locality].filter(Boolean).join(', ') || '—'}</td>
                      {r.connection ? (
                        <>
                          <td className={TD}>{[r.connection.code, r.connection.address, r.connection.locality].filter(Boolean).join(' · ')}</td>
                          <td className={TD}>{r.connection.plan ?? '—'}</td>
                          <td className={TD}>{r.connection.node ?? '—'}</td>
                          <td className={TD}>{enums(`connectionType.${r.connection.type}`)}</td>
                          <td className={TD}>{enums(`connectionStatus.${r.connection.status}`)}</td>
                          <td className={`${TD} whitespace-nowrap tabular-nums`}>
                            {r.connection.latitude !== null && r.connection.longitude !== null ? `${r.connection.latitude}, ${r.connection.longitude}` : '—'}
                          </td>
                        </>
                      ) : (
                        <td className={`${TD} text-slate-500`} colSpan={6}>{t('noConnection')}</td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}

        {report.ok ? (
          <div className="flex flex-wrap items-center justify-end gap-3 pt-2">
            {busy === 'commit' ? <p role="status" className="text-slate-700">{t('committing')}</p> : null}
            <Button onClick={onCommit} disabled={busy !== null} aria-busy={busy === 'commit'}>
              {t('commit', { customers: report.counts.customers, connections: report.counts.connections })}
            </Button>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
