import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/server/auth/guards';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { SignOutButton } from '@/components/shell/sign-out-button';

export async function generateMetadata() {
  const t = await getTranslations('tech');
  return { title: t('title') };
}

/** The technician app's home; the ticket list, visits and map arrive with their issues (E1–E9). */
export default async function TechHomePage() {
  const { tenant, staff } = await requireStaff('/login?next=/tech');
  const t = await getTranslations('tech');
  const roles = await getTranslations('roles');
  return (
    <main className="mx-auto max-w-md p-4">
      <header className="mb-6 flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-brand-700">{tenant.name}</p>
        <LanguageSwitcher />
      </header>
      <h1 className="text-2xl font-semibold">{t('greeting', { name: staff.name })}</h1>
      <p className="mt-1 text-sm text-slate-600">{roles(staff.role)}</p>
      <p className="mt-6 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">{t('noVisits')}</p>
      <div className="mt-6">
        <SignOutButton redirectTo="/login?next=/tech" />
      </div>
    </main>
  );
}
