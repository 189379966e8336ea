'use client';
// C15: "Exportar" on a grid — CSV or Excel, of all its rows or only the filtered ones. The file comes
// from /api/exports/<kind> with the grid's own query (tab, search, filters, the columns shown). Up to
// the limit of a download it is saved at once; above, the server answers 202 and prepares it in the
// background: a notice says so, and the file arrives by e-mail and under "Mis exportaciones".
import Link from 'next/link';
import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { ExportFormat, ExportKind } from '@/lib/exports';
import { Alert, Button } from '@/components/ui/controls';

type Answer = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'queued'; message: string } | { kind: 'error'; message: string };

/** The file's name from Content-Disposition (its UTF-8 form first). */
function fileName(header: string | null, fallback: string): string {
  const utf8 = header?.match(/filename\*=UTF-8''([^;]+)/)?.[1];
  if (utf8) return decodeURIComponent(utf8);
  return header?.match(/filename="([^"]+)"/)?.[1] ?? fallback;
}

export function ExportMenu({ kind, query, filtering }: { kind: ExportKind; /** The grid's query (without format and scope). */ query: URLSearchParams; /** Whether "only the filtered ones" differs from all. */ filtering: boolean }) {
  const t = useTranslations('exports');
  const [scope, setScope] = useState<'all' | 'filtered'>(filtering ? 'filtered' : 'all');
  const [answer, setAnswer] = useState<Answer>({ kind: 'idle' });
  const menu = useRef<HTMLDetailsElement>(null);

  async function download(format: ExportFormat) {
    if (menu.current) menu.current.open = false;
    setAnswer({ kind: 'busy' });
    const params = new URLSearchParams(query);
    params.set('format', format);
    params.set('scope', filtering ? scope : 'all');
    try {
      const res = await fetch(`/api/exports/${kind}?${params}`, { credentials: 'same-origin' });
      const type = res.headers.get('content-type') ?? '';
      if (!res.ok || type.startsWith('application/json')) {
        const body = (await res.json().catch(() => null)) as { error?: { message: string }; message?: string } | null;
        if (res.status === 202) setAnswer({ kind: 'queued', message: body?.message ?? t('preparing') });
        else setAnswer({ kind: 'error', message: t('failed', { message: body?.error?.message ?? res.statusText }) });
        return;
      }
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName(res.headers.get('content-disposition'), `${kind}.${format}`);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setAnswer({ kind: 'done' });
    } catch (error) {
      setAnswer({ kind: 'error', message: t('failed', { message: (error as Error).message }) });
    }
  }

  return (
    <div className="space-y-2">
      <details ref={menu} className="relative" data-testid={`export-${kind}`}>
        <summary className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">{t('button')}</summary>
        <div className="absolute right-0 z-10 mt-1 w-64 space-y-3 rounded-md border border-slate-200 bg-white p-3 shadow">
          {filtering ? (
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium text-slate-700">{t('menuLabel')}</legend>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name={`export-scope-${kind}`} checked={scope === 'filtered'} onChange={() => setScope('filtered')} />
                {t('scopeFiltered')}
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name={`export-scope-${kind}`} checked={scope === 'all'} onChange={() => setScope('all')} />
                {kind === 'tickets' ? t('scopeAll') : t('scopeAllList')}
              </label>
            </fieldset>
          ) : null}
          <div className="flex gap-2">
            <Button variant="secondary" disabled={answer.kind === 'busy'} onClick={() => download('csv')}>{t('csv')}</Button>
            <Button variant="secondary" disabled={answer.kind === 'busy'} onClick={() => download('xlsx')}>{t('xlsx')}</Button>
          </div>
        </div>
      </details>
      {answer.kind === 'busy' ? (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-700">
          <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-slate-400 border-t-transparent" />
          {t('preparing')}
        </p>
      ) : null}
      {answer.kind === 'done' ? <p role="status" className="text-sm text-slate-700">{t('downloaded')}</p> : null}
      {answer.kind === 'queued' ? (
        <Alert tone="info">
          <span data-testid="export-queued">{answer.message}</span> <Link href="/exports" className="font-medium underline">{t('myExports')}</Link>
        </Alert>
      ) : null}
      {answer.kind === 'error' ? <Alert>{answer.message}</Alert> : null}
    </div>
  );
}
