'use client';
// A5: attach invoice PDFs from a .zip, each named by its invoice's number — all or nothing; the
// server checks every entry (POST /api/import/invoice-pdfs, billing.import).
import { useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Alert, Button, Card } from '@/components/ui/controls';
import { FilePicker } from '@/components/ui/file-picker';

type Report = { ok: boolean; attached: { file: string; number: string }[]; problems: { file: string | null; message: string }[] };

const TH = 'whitespace-nowrap px-3 py-2 text-left font-semibold text-slate-700';
const TD = 'px-3 py-2 align-top';

export function InvoicePdfUpload({ maxUploadMb }: { maxUploadMb: number }) {
  const t = useTranslations('billing.pdfs');
  const ci = useTranslations('customerImport');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const sending = useRef(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return setError(ci('chooseFile'));
    if (file.size > maxUploadMb * 1024 * 1024) return setError(ci('errors.fileTooLarge', { max: maxUploadMb }));
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const body = new FormData();
      body.set('file', file);
      const response = await fetch('/api/import/invoice-pdfs', { method: 'POST', body });
      const json = (await response.json().catch(() => null)) as (Report & { error?: undefined }) | { error: { message: string } } | null;
      if (!json) setError(response.status === 413 ? ci('errors.fileTooLarge', { max: maxUploadMb }) : ci('networkError'));
      else if (json.error) setError(json.error.message);
      else setReport(json);
    } catch {
      setError(ci('networkError'));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }

  return (
    <Card title={t('title')}>
      <form onSubmit={submit} noValidate className="space-y-4 text-sm">
        <p className="text-slate-700">{t('intro')}</p>
        <FilePicker label={t('file')} hint={ci('fileHint', { max: maxUploadMb })} name="zip" accept=".zip,application/zip" required onChange={(e) => { setFile(e.target.files?.[0] ?? null); setReport(null); setError(null); }} />
        {error ? <Alert>{error}</Alert> : null}
        {report?.ok ? <Alert tone="success">{t('done', { count: report.attached.length })}</Alert> : null}
        {report && !report.ok ? (
          <>
            <Alert>{t('problems', { count: report.problems.length })}</Alert>
            <div className="max-h-[20rem] overflow-auto rounded-lg border border-slate-200">
              <table className="min-w-full divide-y divide-slate-200">
                <caption className="sr-only">{ci('problemsCaption')}</caption>
                <thead className="sticky top-0 bg-slate-50">
                  <tr>
                    <th scope="col" className={TH}>{t('file_column')}</th>
                    <th scope="col" className={TH}>{ci('columns.problem')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {report.problems.map((p, i) => (
                    <tr key={i}>
                      <td className={TD}>{p.file ?? ci('wholeFile')}</td>
                      <td className={`${TD} text-red-800`}>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" disabled={busy} aria-busy={busy}>{busy ? t('sending') : t('send')}</Button>
        </div>
      </form>
    </Card>
  );
}
