'use client';
// The back office navigation: items appear only where the permission map allows (A2). Below 1280 px
// (a laptop's narrow window, a tablet, a phone) the links and the account's controls (language,
// notifications, sign-out) fold into one menu button, so the header never runs off the screen; at
// 1280 px an admin's seven links and controls fit one row, with little to spare.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Menu, X } from 'lucide-react';
import type { Permission } from '@/lib/permissions';
import { SETTINGS_SECTIONS } from '@/components/settings/settings-tabs';

type Item = { href: string; key: string; permission?: Permission; section?: string };

const ITEMS: Item[] = [
  { href: '/', key: 'home' },
  { href: '/tickets', key: 'tickets', permission: 'tickets.read' },
  { href: '/customers', key: 'customers', permission: 'customers.read' },
  { href: '/map', key: 'map', permission: 'connections.read' },
  { href: '/messages', key: 'messages', permission: 'messages.read' },
  { href: '/users', key: 'users', permission: 'users.read' },
  { href: '/technicians-map', key: 'techniciansMap', permission: 'positions.read' },
];

/** "Configuración" leads to the first of its sections the role may open (its tabs show the others). */
function settingsItem(permissions: Permission[]): Item | null {
  const first = SETTINGS_SECTIONS.find((s) => permissions.includes(s.permission));
  return first ? { href: first.href, key: 'settings', section: '/settings' } : null;
}

export function StaffNav({ permissions, children }: { permissions: Permission[]; children?: ReactNode }) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // Escape folds the open menu, from wherever the focus is, and gives the focus back to its button.
  useEffect(() => {
    if (!open) return;
    const close = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', close);
    return () => document.removeEventListener('keydown', close);
  }, [open]);
  const settings = settingsItem(permissions);
  const items = [...ITEMS.filter((i) => !i.permission || permissions.includes(i.permission)), ...(settings ? [settings] : [])];
  // The item whose address (or section) is the longest prefix of the page's is the current one.
  const prefix = (i: Item) => i.section ?? i.href;
  const matches = (i: Item) => (prefix(i) === '/' ? pathname === '/' : pathname === prefix(i) || pathname.startsWith(`${prefix(i)}/`));
  const current = items.filter(matches).sort((x, y) => prefix(y).length - prefix(x).length)[0]?.href;
  return (
    <>
      <button
        ref={button}
        type="button"
        className="ml-auto inline-flex items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm xl:hidden"
        aria-expanded={open}
        aria-controls="staff-menu"
        onClick={() => setOpen((o) => !o)}
      >
        {open ? <X aria-hidden className="h-4 w-4" /> : <Menu aria-hidden className="h-4 w-4" />}
        {t('menu')}
      </button>
      <div
        id="staff-menu"
        className={`${open ? 'flex' : 'hidden'} absolute left-0 right-0 top-14 z-20 max-h-[calc(100vh-3.5rem)] flex-col gap-3 overflow-y-auto border-b border-slate-200 bg-white p-3 shadow xl:static xl:flex xl:max-h-none xl:min-w-0 xl:flex-1 xl:flex-row xl:items-center xl:gap-4 xl:overflow-visible xl:border-0 xl:p-0 xl:shadow-none`}
      >
        <nav aria-label={t('main')}>
          <ul className="flex flex-col gap-1 sm:flex-row sm:flex-wrap xl:flex-nowrap xl:gap-0.5">
            {items.map((item) => (
              <li key={item.key}>
                <Link
                  href={item.href}
                  onClick={() => setOpen(false)}
                  aria-current={item.href === current ? 'page' : undefined}
                  className="block whitespace-nowrap rounded-md px-2.5 py-2 text-sm font-medium xl:px-1.5 text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800"
                >
                  {t(item.key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {/* In one row (xl), only the first control (who is signed in: a name that truncates) gives way when
            the row is full; the others keep their size, so "Cerrar sesión" never wraps or runs off the row. */}
        {children ? <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3 xl:ml-auto xl:min-w-0 xl:flex-nowrap xl:gap-2 xl:border-0 xl:pt-0 xl:[&>*]:shrink-0 xl:[&>*:first-child]:min-w-0 xl:[&>*:first-child]:shrink">{children}</div> : null}
      </div>
    </>
  );
}
