'use client';
// G6 in the office's ticket view: when choosing the assignee, each active technician with the
// straight-line distance from their recent position — or their base — to the ticket's connection ("Ana Ruiz · 2,4 km",
// in the tenant's locale), nearest first; choosing one puts them in the form's assignee field. A list
// beside the field rather than inside its options, so an option's label stays the technician's name.
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { formatAge, formatDistance } from '@/lib/format';
import { useStaffContext } from '@/components/shell/permissions';
import { useNow } from './use-now';

export function AssigneeDistances({ ticketId, onChoose }: { ticketId: string; onChoose: (userId: string) => void }) {
  const t = useTranslations('positions.distances');
  const trpc = useTRPC();
  const { intl } = useStaffContext();
  const now = useNow();
  const distances = useQuery({ ...trpc.positions.distances.queryOptions({ ticketId }), refetchInterval: 60_000 });
  if (distances.error) return null;
  const list = distances.data;
  const anyKnown = list?.some((d) => d.distanceKm !== null) ?? false;
  const anyPlace = list?.some((d) => d.from !== null) ?? false;
  return (
    <section aria-label={t('title')} className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      <h3 className="font-medium text-slate-800">{t('title')}</h3>
      {!list ? (
        <p role="status" className="mt-1 text-slate-600">{t('loading')}</p>
      ) : !anyKnown && anyPlace ? (
        <p className="mt-1 text-slate-600">{t('noConnection')}</p>
      ) : (
        <>
          <p className="mt-1 text-slate-600">{t('help')}</p>
          <ul className="mt-2 flex flex-wrap gap-2" data-testid="assignee-distances">
            {list.map((d) => (
              <li key={d.userId}>
                <button
                  type="button"
                  onClick={() => onChoose(d.userId)}
                  className="rounded-full border border-slate-300 bg-white px-3 py-1 text-left hover:border-brand-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  {d.distanceKm === null ? t('unknown', { name: d.name }) : t('item', { name: d.name, distance: formatDistance(d.distanceKm, intl) })}
                  {d.distanceKm !== null && d.from === 'live' && d.recordedAt ? <span className="text-slate-500"> ({formatAge(d.recordedAt, now, intl)})</span> : null}
                  {d.distanceKm !== null && d.from === 'base' ? <span className="text-slate-500"> ({t('fromBase')})</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
