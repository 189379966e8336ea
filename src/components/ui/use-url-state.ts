'use client';
// List pages keep their view in the URL (search, tab, sort, page) so it can be shared and reloaded.
import { useEffect, useRef, useState } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';

export function useUrlState() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  // The query string last asked for, until the URL shows it: a second change made before the
  // first has landed (two filters picked in quick succession) builds on it instead of undoing it.
  const requested = useRef<string | null>(null);
  useEffect(() => {
    if (requested.current === params.toString()) requested.current = null;
  }, [params]);

  function go(queryString: string) {
    requested.current = queryString;
    router.replace(`${pathname}?${queryString}`, { scroll: false });
  }

  /** Sets or (with null or '') removes query parameters, without scrolling. */
  function update(changes: Record<string, string | number | null>) {
    const next = new URLSearchParams(requested.current ?? params.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    go(next.toString());
  }

  /** Replaces the whole query string (a saved view). */
  function replaceQuery(queryString: string) {
    go(queryString);
  }

  const query = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(query);

  // Search as the user types, a moment after they stop; a new search starts at page 1.
  useEffect(() => {
    if (draft === query) return;
    const timer = setTimeout(() => update({ q: draft || null, page: null }), 300);
    // A click on a link to another page drops the pending search: its URL update would otherwise
    // land while the link's page loads and take the user back to the list.
    const leaving = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (link instanceof HTMLAnchorElement && new URL(link.href, window.location.href).pathname !== pathname) clearTimeout(timer);
    };
    document.addEventListener('click', leaving, true);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('click', leaving, true);
    };
  });

  return { params, update, replaceQuery, query, page, draft, setDraft };
}
