import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/server/auth/guards';
import { allows } from '@/lib/permissions';
import { PageHeader } from '@/components/ui/controls';

export async function generateMetadata() {
  const t = await getTranslations('home');
  return { title: t('title') };
}

/** The back office home: where each part of the product starts. */
export default async function HomePage() {
  const { tenant, staff } = await requireStaff();
  const t = await getTranslations('home');
  const links = [
    { href: '/tickets', label: t('tickets'), body: t('ticketsBody'), allowed: allows(staff, 'tickets.read') },
    { href: '/dashboard', label: t('dashboard'), body: t('dashboardBody'), allowed: allows(staff, 'dashboard.read') },
    { href: '/customers', label: t('customers'), body: t('customersBody'), allowed: allows(staff, 'customers.read') },
    { href: '/customers/import', label: t('import'), body: t('importBody'), allowed: allows(staff, 'customers.import') },
    { href: '/users', label: t('users'), body: t('usersBody'), allowed: allows(staff, 'users.read') },
    { href: '/settings', label: t('settings'), body: t('settingsBody'), allowed: allows(staff, 'settings.read') },
  ].filter((l) => l.allowed);
  return (
    <>
      <PageHeader title={t('greeting', { name: staff.name })}>
        <p className="mt-1 text-sm text-slate-700">{t('subtitle', { tenant: tenant.name })}</p>
      </PageHeader>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
              <span className="font-semibold text-brand-700">{l.label}</span>
              <span className="mt-1 block text-sm text-slate-700">{l.body}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
