import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/server/auth/guards';
import { TechShell } from '@/components/tech/tech-shell';
import { TechTickets } from '@/components/tech/tech-tickets';

export async function generateMetadata() {
  const t = await getTranslations('tech');
  return { title: t('title') };
}

/** The technician app's home: the tickets assigned to them (visits and map arrive with E1–E9). */
export default async function TechHomePage() {
  const { tenant, staff } = await requireStaff('/login?next=/tech');
  const t = await getTranslations('tech');
  const roles = await getTranslations('roles');
  return (
    <TechShell tenant={tenant} staff={staff}>
      <h1 className="text-2xl font-semibold">{t('greeting', { name: staff.name })}</h1>
      <p className="mt-1 text-sm text-slate-600">{roles(staff.role)}</p>
      <TechTickets />
    </TechShell>
  );
}
