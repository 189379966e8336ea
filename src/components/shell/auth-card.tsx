import type { ReactNode } from 'react';
import { LanguageSwitcher } from './language-switcher';

/** The centered card of sign-in pages, with the tenant's name and the language switch. */
export function AuthCard({ tenantName, title, children }: { tenantName: string; title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="mb-6 flex items-start justify-between gap-2">
          <div>
            <p className="text-sm font-medium text-brand-700">{tenantName}</p>
            <h1 className="text-xl font-semibold">{title}</h1>
          </div>
          <LanguageSwitcher />
        </div>
        {children}
      </div>
    </main>
  );
}
