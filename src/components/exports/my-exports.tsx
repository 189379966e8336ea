'use client';
// C15: "Mis exportaciones" — the caller's background exports, their progress while they run (asked
// again every 2 s until none is under way) and the signed download of each finished one.
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatDateTime } from '@/lib/format';
import { useStaffContext } from '@/components/shell/permissions';
import { Alert } from '@/components/ui/controls';

export function MyExports() {
  const t = useTranslations('exports');
  const trpc = useTRPC();
  const { tenant, intl } = useStaffContext();
  const list = useQuery({
    ...trpc.exports.mine.queryOptions(),
    refetchInterval: (query) => (query.state.data?.some((x) => x.status === 'QUEUED' || x.status === 'RUNNING') ? 2000 : false),
  });
  if (list.error) return <Alert>{list.error.message}</Alert>;
  const rows = list.data ?? [];
  if (list.data && rows.length === 0) return <p className="text-sm text-slate-700">{t('page.empty')}</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{t('page.title')}</caption>
      <thead className="border-b border-slate-200 text-slate-700">
        <tr>
          <th className="py-2 pr-3">{t('page.kind')}</th>
          <th className="py-2 pr-3">{t('page.format')}</th>
          <th className="py-2 pr-3">{t('page.status')}</th>
          <th className="py-2 pr-3">{t('page.progress')}</th>
          <th className="py-2 pr-3">{t('page.created')}</th>
          <th className="py-2 pr-3">{t('page.expires')}</th>
          <th className="py-2"><span className="sr-only">{t('page.download')}</span></th>
        </tr>
      </thead>
      <tbody>
        {rows.map((x) => (
          <tr key={x.id} className="border-b border-slate-100" data-testid="my-export">
            <td className="py-2 pr-3">{t(`kinds.${x.kind}`)}</td>
            <td className="py-2 pr-3 uppercase">{x.format}</td>
            <td className="py-2 pr-3">{t(`status.${x.status}`)}</td>
            <td className="py-2 pr-3">
              {x.total ? (
                <span className="flex items-center gap-2">
                  <progress max={x.total} value={x.rows} aria-label={t('page.progress')} />
                  {t('page.rowsOf', { rows: x.rows, total: x.total })}
                </span>
              ) : (
                t('page.rows', { rows: x.rows })
              )}
            </td>
            <td className="py-2 pr-3">{formatDateTime(x.createdAt, intl, tenant.timeZone)}</td>
            <td className="py-2 pr-3">{formatDateTime(x.expiresAt, intl, tenant.timeZone)}</td>
            <td className="py-2">
              {x.href ? (
                <a href={x.href} className="font-medium text-brand-700 underline">
                  {t('page.download')}
                </a>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
