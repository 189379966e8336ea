'use client';
// Previous / "page N" / next under a server-paged list. Page 1 is given as null: the list's URL
// without a page.
import { useTranslations } from 'next-intl';
import { Button } from './controls';

export function Pager({ page, hasMore, onPage }: { page: number; hasMore: boolean; onPage: (page: number | null) => void }) {
  const common = useTranslations('common');
  return (
    <nav aria-label={common('pagination')} className="flex items-center justify-between">
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1 === 1 ? null : page - 1)}>
        {common('previous')}
      </Button>
      <span className="text-sm text-slate-700">{common('page', { page })}</span>
      <Button variant="secondary" disabled={!hasMore} onClick={() => onPage(page + 1)}>
        {common('next')}
      </Button>
    </nav>
  );
}
