'use client';
// The portal's top bar: the info icon (F8, top left, when the tenant wrote an info message), the
// tenant's name and the language switch; it also opens the welcome message the first time (F8).
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { PortalMessages, type PortalMessagesData } from './portal-messages';

export function PortalHeader({ tenantName, messages, savedAt }: { tenantName: string; messages: PortalMessagesData; savedAt: number }) {
  return (
    <header className="mb-6 flex items-center justify-between gap-2">
      <div className="flex min-w-0 items-center gap-1">
        <PortalMessages {...messages} savedAt={savedAt} />
        <p className="truncate text-sm font-medium text-brand-700">{tenantName}</p>
      </div>
      <LanguageSwitcher />
    </header>
  );
}
