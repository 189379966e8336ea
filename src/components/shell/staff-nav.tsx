'use client';
// The back office navigation: items appear only where the permission map allows (A2).
// On a phone it folds into a menu button.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import type { Permission } from '@/lib/permissions';

const ITEMS: { href: string; key: string; permission?: Permission }[] = [
  { href: '/', key: 'home' },
  { href: '/tickets', key: 'tickets', permission: 'tickets.read' },
  { href: '/customers', key: 'customers', permission: 'customers.read' },
  { href: '/messages', key: 'messages', permission: 'messages.read' },
  { href: '/users', key: 'users', permission: 'users.read' },
  { href: '/settings/catalog', key: 'catalog', permission: 'catalog.read' },
  { href: '/settings/tickets', key: 'ticketConfig', permission: 'settings.read' },
  { href: '/settings', key: 'settings', permission: 'settings.read' },
];

export function StaffNav({ permissions }: { permissions: Permission[] }) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const items = ITEMS.filter((i) => !i.permission || permissions.includes(i.permission));
  // The item whose address is the longest prefix of the page's is the current one.
  const matches = (href: string) => (href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`));
  const current = items.filter((i) => matches(i.href)).sort((x, y) => y.href.length - x.href.length)[0]?.href;
  const active = (href: string) => href === current;
  return (
    <nav aria-label={t('main')}>
      <button
        type="button"
        className="rounded-md border border-slate-300 px-3 py-2 text-sm md:hidden"
        aria-expanded={open}
        aria-controls="staff-nav-list"
        onClick={() => setOpen((o) => !o)}
      >
        {t('menu')}
      </button>
      <ul id="staff-nav-list" className={`${open ? 'flex' : 'hidden'} absolute left-0 right-0 top-14 z-20 flex-col gap-1 border-b border-slate-200 bg-white p-2 shadow md:static md:flex md:flex-row md:border-0 md:p-0 md:shadow-none`}>
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={() => setOpen(false)}
              aria-current={active(item.href) ? 'page' : undefined}
              className="block whitespace-nowrap rounded-md px-2.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800"
            >
              {t(item.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
