'use client';
// A5: import invoices or payments from the ISP's CSV — choose the kind, upload, preview (counts,
// first rows, problems by row and column), confirm, result. As the customer import: the server
// checks everything again on confirm and writes all or nothing.
import Link from 'next/link';
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslations } from 'next-intl';
import type { BillingImportReport, BillingKind } from '@/server/services/billing/import/import-billing';
import { formatDay, formatMoney } from '@/lib/format';
import { Alert, Button, Card, Select } from '@/components/ui/controls';
import { FilePicker } from '@/components/ui/file-picker';
import { useStaffContext } from '@/components/shell/permissions';

type Encoding = 'auto' | 'utf-8' | 'windows-1252';
type Mode = 'preview' | 'commit';

const ENCODING_KEYS = { 'utf-8': 'utf8', 'windows-1252': 'windows1252', 'utf-16le': 'utf16le', 'utf-16be': 'utf16be' } as const;
const DELIMITER_KEYS = { ';': 'semicolon', ',': 'comma', '\t': 'tab' } as const;
const LINK = 'inline-flex min-h-10 items-center rounded-md px-4 py-2 text-sm font-medium';
const TH = 'whitespace-nowrap px-3 py-2 text-left font-semibold text-slate-700';
const TD = 'px-3 py-2 align-top';

export function BillingImport({ maxUploadMb }: { maxUploadMb: number }) {
  const t = useTranslations('billing.import');
  const ci = useTranslations('customerImport');
  const [kind, setKind] = useState<BillingKind>('invoices');
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [busy, setBusy] = useState<Mode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<BillingImportReport | null>(null);
  const [done, setDone] = useState<BillingImportReport | null>(null);
  const [formKey, setFormKey] = useState(0);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const sending = useRef(false);

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
    if (!file) return setError(ci('chooseFile'));
    if (file.size > maxUploadMb * 1024 * 1024) return setError(ci('errors.fileTooLarge', { max: maxUploadMb }));
    if (sending.current) return;
    sending.current = true;
    setBusy(mode);
    setError(null);
    try {
      // The file itself as the body: the server saves it to disk as it arrives (BILLING_IMPORT_MAX_MB)
      // instead of holding a multipart form in memory.
      const response = await fetch(`/api/import/billing?kind=${kind}&mode=${mode}&encoding=${encoding}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: file });
      const json = (await response.json().catch(() => null)) as (BillingImportReport & { error?: undefined }) | { error: { message: string } } | null;
      if (!json) setError(response.status === 413 ? ci('errors.fileTooLarge', { max: maxUploadMb }) : ci('networkError'));
      else if (json.error) setError(json.error.message);
      else if (json.mode === 'commit' && json.ok) {
        setPreview(null);
        setDone(json);
      } else setPreview(json);
    } catch {
      setError(ci('networkError'));
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
        <h2 ref={resultHeading} tabIndex={-1} className="sr-only">{t('title')}</h2>
        <Alert tone="success">
          {done.kind === 'invoices' ? t('doneInvoices', { count: done.created.rows }) : t('donePayments', { count: done.created.rows, allocations: done.created.allocations })}
        </Alert>
        <div className="mt-4 flex flex-wrap gap-2">
          <Link href="/customers" className={`${LINK} bg-brand-600 text-white hover:bg-brand-700`}>{ci('goToCustomers')}</Link>
          <Button variant="secondary" onClick={reset}>{ci('importAnother')}</Button>
        </div>
      </Card>
    );
  }

  return (
    <div className="space-y-6">
      <Card title={ci('formatTitle')}>
        <div className="space-y-2 text-sm text-slate-700">
          <p>{t('intro')}</p>
          <p>{t('formatInvoices')}</p>
          <p>{t('formatPayments')}</p>
          <p>{t('formatDetails')}</p>
        </div>
      </Card>

      <Card>
        <form key={formKey} onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
          <Select
            label={t('kind')}
            name="kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as BillingKind);
              setPreview(null);
            }}
            options={[
              { value: 'invoices', label: t('kinds.invoices') },
              { value: 'payments', label: t('kinds.payments') },
            ]}
          />
          <Select
            label={ci('encoding')}
            name="encoding"
            value={encoding}
            onChange={(e) => {
              setEncoding(e.target.value as Encoding);
              setPreview(null);
            }}
            options={[
              { value: 'auto', label: ci('encodingOptions.auto') },
              { value: 'utf-8', label: ci('encodingOptions.utf8') },
              { value: 'windows-1252', label: ci('encodingOptions.windows1252') },
            ]}
          />
          <div className="sm:col-span-2">
            <FilePicker
              label={ci('file')}
              hint={ci('fileHint', { max: maxUploadMb })}
              name="file"
              accept=".csv,text/csv,text/plain"
              required
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setPreview(null);
                setError(null);
              }}
            />
          </div>
          {error ? (
            <div className="sm:col-span-2">
              <Alert>{error}</Alert>
            </div>
          ) : null}
          <div className="flex justify-end sm:col-span-2">
            <Button type="submit" disabled={busy !== null} aria-busy={busy === 'preview'}>
              {busy === 'preview' ? ci('previewing') : ci('preview')}
            </Button>
          </div>
        </form>
      </Card>

      {preview ? <PreviewPanel report={preview} headingRef={resultHeading} busy={busy} onCommit={() => void send('commit')} /> : null}
    </div>
  );
}

function PreviewPanel({ report, headingRef, busy, onCommit }: { report: BillingImportReport; headingRef: RefObject<HTMLHeadingElement | null>; busy: Mode | null; onCommit: () => void }) {
  const t = useTranslations('billing.import');
  const ci = useTranslations('customerImport');
  const status = useTranslations('billing.status');
  const { tenant, intl } = useStaffContext();
  const money = (n: number) => formatMoney(n, tenant.currency, intl);
  const shown = report.errors.length;
  const invoices = report.kind === 'invoices';
  return (
    <Card>
      <h2 ref={headingRef} tabIndex={-1} className="mb-3 text-base font-semibold text-slate-900 focus:outline-none">
        {invoices ? t('counts', { rows: report.counts.rows }) : t('countsPayments', report.counts)}
      </h2>
      <div className="space-y-3 text-sm">
        {report.encoding && report.delimiter ? (
          <p className="text-slate-700">
            {ci('readAs', { encoding: ci(`encodingNames.${ENCODING_KEYS[report.encoding]}`), delimiter: ci(`delimiters.${DELIMITER_KEYS[report.delimiter]}`) })}
          </p>
        ) : null}
        {report.encodingFallback ? <Alert tone="info">{ci('encodingFallback')}</Alert> : null}

        {report.errorCount ? (
          <>
            <Alert>
              {ci('problemsTitle', { count: report.errorCount })}
              {shown < report.errorCount ? ` ${ci('problemsTruncated', { shown })}` : null}
            </Alert>
            <div className="max-h-[28rem] overflow-auto rounded-lg border border-slate-200">
              <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="import-problems">
                <caption className="sr-only">{ci('problemsCaption')}</caption>
                <thead className="sticky top-0 bg-slate-50">
                  <tr>
                    <th scope="col" className={TH}>{ci('columns.row')}</th>
                    <th scope="col" className={TH}>{ci('columns.column')}</th>
                    <th scope="col" className={TH}>{ci('columns.problem')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {report.errors.map((e, i) => (
                    <tr key={i}>
                      <td className={`${TD} tabular-nums`}>{e.row ?? ci('wholeFile')}</td>
                      <td className={TD}>{e.column ?? '—'}</td>
                      <td className={`${TD} text-red-800`}>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <Alert tone="success">{ci('ready')}</Alert>
        )}

        {report.sample.length ? (
          <>
            <h3 className="pt-2 font-semibold text-slate-900">{ci('sampleTitle')}</h3>
            <div className="relative overflow-x-auto rounded-lg border border-slate-200">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">{ci('sampleTitle')}</caption>
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className={TH}>{ci('columns.row')}</th>
                    <th scope="col" className={TH}>{t('columns.customer')}</th>
                    {invoices ? <th scope="col" className={TH}>{t('columns.number')}</th> : null}
                    <th scope="col" className={TH}>{t('columns.date')}</th>
                    {invoices ? <th scope="col" className={TH}>{t('columns.dueOn')}</th> : null}
                    {invoices ? <th scope="col" className={TH}>{t('columns.period')}</th> : null}
                    <th scope="col" className={TH}>{t('columns.amount')}</th>
                    {invoices ? <th scope="col" className={TH}>{t('columns.balance')}</th> : null}
                    {invoices ? <th scope="col" className={TH}>{t('columns.status')}</th> : null}
                    {!invoices ? <th scope="col" className={TH}>{t('columns.method')}</th> : null}
                    {!invoices ? <th scope="col" className={TH}>{t('columns.reference')}</th> : null}
                    {!invoices ? <th scope="col" className={TH}>{t('columns.settles')}</th> : null}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {report.sample.map((r) => (
                    <tr key={r.row}>
                      <td className={`${TD} tabular-nums`}>{r.row}</td>
                      <td className={TD}>{`${r.customerCode} · ${r.customerName}`}</td>
                      {invoices ? <td className={`${TD} whitespace-nowrap`}>{r.type ? `${r.type} ${r.number}` : r.number}</td> : null}
                      <td className={`${TD} whitespace-nowrap`}>{formatDay(r.date, intl)}</td>
                      {invoices ? <td className={`${TD} whitespace-nowrap`}>{r.dueOn ? formatDay(r.dueOn, intl) : '—'}</td> : null}
                      {invoices ? <td className={TD}>{r.period ?? '—'}</td> : null}
                      <td className={`${TD} whitespace-nowrap tabular-nums`}>{money(r.amount)}</td>
                      {invoices ? <td className={`${TD} whitespace-nowrap tabular-nums`}>{r.balance !== null ? money(r.balance) : '—'}</td> : null}
                      {invoices ? <td className={TD}>{r.status ? status(r.status) : '—'}</td> : null}
                      {!invoices ? <td className={TD}>{r.method}</td> : null}
                      {!invoices ? <td className={TD}>{r.reference ?? '—'}</td> : null}
                      {!invoices ? <td className={TD}>{r.settles.map((s) => `${s.number} (${money(s.amount)})`).join(', ') || '—'}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}

        {report.ok ? (
          <div className="flex flex-wrap items-center justify-end gap-3 pt-2">
            {busy === 'commit' ? <p role="status" className="text-slate-700">{ci('committing')}</p> : null}
            <Button onClick={onCommit} disabled={busy !== null} aria-busy={busy === 'commit'}>
              {invoices ? t('commitInvoices', { count: report.counts.rows }) : t('commitPayments', { count: report.counts.rows })}
            </Button>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
