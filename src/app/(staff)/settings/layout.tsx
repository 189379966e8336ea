import type { ReactNode } from 'react';
import { SettingsTabs } from '@/components/settings/settings-tabs';

/** The configuration's pages (company and notifications, tickets, catalog) under one row of tabs. */
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return <SettingsTabs>{children}</SettingsTabs>;
}
