import { getTranslations } from 'next-intl/server';
import { requireId, requireStaff } from '@/server/auth/guards';
import { TechShell } from '@/components/tech/tech-shell';
import { TechTicket } from '@/components/tech/tech-ticket';

export async function generateMetadata() {
  const t = await getTranslations('tech');
  return { title: t('title') };
}

/** One ticket in the technician app: what to do, where, its state and its photos. */
export default async function TechTicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { tenant, staff } = await requireStaff('/login?next=/tech');
  const id = requireId((await params).id);
  return (
    <TechShell tenant={tenant} staff={staff}>
      <TechTicket id={id} />
    </TechShell>
  );
}
