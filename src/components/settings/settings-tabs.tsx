'use client';
// The configuration's sections as tabs — each one a page with its own address — shown to the roles
// the permission map lets open them. The main navigation has one "Configuración" item leading here.
import type { ReactNode } from 'react';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { Permission } from '@/lib/permissions';
import { useCan } from '@/components/shell/permissions';
import { TabList, TabPanel, Tabs } from '@/components/ui/tabs';

export const SETTINGS_SECTIONS: { href: string; key: 'general' | 'portal' | 'tickets' | 'catalog' | 'products' | 'companies'; permission: Permission }[] = [
  { href: '/settings', key: 'general', permission: 'settings.read' },
  { href: '/settings/portal', key: 'portal', permission: 'settings.read' },
  { href: '/settings/tickets', key: 'tickets', permission: 'settings.read' },
  { href: '/settings/catalog', key: 'catalog', permission: 'catalog.read' },
  { href: '/settings/products', key: 'products', permission: 'products.read' },
  { href: '/settings/companies', key: 'companies', permission: 'companies.read' },
];

export function SettingsTabs({ children }: { children: ReactNode }) {
  const t = useTranslations('settings.sections');
  const can = useCan();
  const pathname = usePathname();
  const sections = SETTINGS_SECTIONS.filter((s) => can(s.permission));
  const current = sections.find((s) => s.href === pathname)?.key ?? sections[0]?.key ?? 'general';
  return (
    <Tabs value={current}>
      <TabList label={t('label')} className="mb-6" items={sections.map((s) => ({ value: s.key, label: t(s.key), href: s.href }))} />
      <TabPanel value={current}>{children}</TabPanel>
    </Tabs>
  );
}
