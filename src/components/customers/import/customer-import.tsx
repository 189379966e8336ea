'use client';
// A7: import customers from a CSV file — upload, preview (counts, first rows, problems by row and
// column), confirm, result. The server checks everything again on confirm and writes all or nothing.
import { useTranslations } from 'next-intl';
import type { ImportReport } from '@/server/services/customers/import/import-customers';
import { Card } from '@/components/ui/controls';
import { ImportDone, ImportForm, ImportPreview, TD, TH, useImportFlow } from './import-flow';

const SAMPLE_COLUMNS = ['row', 'code', 'name', 'taxId', 'contact', 'address', 'connection', 'plan', 'node', 'type', 'status', 'coordinates'] as const;

export function CustomerImport({ maxUploadMb, columns }: { maxUploadMb: number; columns: string[] }) {
  const t = useTranslations('customerImport');
  const enums = useTranslations('enums');
  const flow = useImportFlow<ImportReport>({
    maxUploadMb,
    post: (file, mode, encoding) => {
      const body = new FormData();
      body.set('file', file);
      return fetch(`/api/import/customers?mode=${mode}&encoding=${encoding}`, { method: 'POST', body });
    },
  });
  const { done, preview } = flow;

  if (done?.created) {
    return (
      <ImportDone title={t('title')} headingRef={flow.resultHeading} onAnother={flow.reset}>
        {t('done', done.created)}
      </ImportDone>
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

      <ImportForm flow={flow} maxUploadMb={maxUploadMb} />

      {preview ? (
        <ImportPreview
          report={preview}
          headingRef={flow.resultHeading}
          heading={t('counts', preview.counts)}
          busy={flow.busy}
          onCommit={flow.commit}
          commitLabel={t('commit', { customers: preview.counts.customers, connections: preview.counts.connections })}
          sampleHead={SAMPLE_COLUMNS.map((c) => (
            <th key={c} scope="col" className={TH}>{t(`columns.${c}`)}</th>
          ))}
          sampleRows={preview.sample.map((r) => (
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
        />
      ) : null}
    </div>
  );
}
