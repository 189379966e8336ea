'use client';
// List pages keep their view in the URL (search, tab, sort, page) so it can be shared and reloaded.
// The URL is changed with the History API, which Next.js keeps in step with useSearchParams: no
// navigation happens, so a search typed a moment before clicking a row cannot pull the user back
// from the page they opened, and two quick changes build on each other (each starts from the
// current URL, not from the last render's).
import { useEffect, useState } from 'react';
import { usePathname, useSearchParams } from 'next/navigation';

export function useUrlState() {
  const pathname = usePathname();
  const params = useSearchParams();

  /** Sets or (with null or '') removes query parameters. */
  function update(changes: Record<string, string | number | null>) {
    if (window.location.pathname !== pathname) return;
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    window.history.replaceState(null, '', `${pathname}?${next.toString()}`);
  }

  /** Replaces the whole query string (a saved view), search box included. */
  function replaceQuery(queryString: string) {
    window.history.replaceState(null, '', `${pathname}?${queryString}`);
    setDraft(new URLSearchParams(queryString).get('q') ?? '');
  }

  const query = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(query);

  // Search as the user types, a moment after they stop; a new search starts at page 1. A click or a
  // press of Enter before then writes it at once, so opening a row a moment after typing keeps the search
  // in the list's URL (for Back) and nothing changes the URL under the navigation that follows.
  useEffect(() => {
    if (draft === query) return;
    const flush = (event?: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Enter') return;
      clearTimeout(timer);
      document.removeEventListener('pointerdown', flush, true);
      document.removeEventListener('keydown', flush, true);
      update({ q: draft || null, page: null });
    };
    const timer = setTimeout(() => flush(), 300);
    document.addEventListener('pointerdown', flush, true);
    document.addEventListener('keydown', flush, true);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('pointerdown', flush, true);
      document.removeEventListener('keydown', flush, true);
    };
  });

  return { params, update, replaceQuery, query, page, draft, setDraft };
}
