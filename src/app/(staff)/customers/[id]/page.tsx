import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireStaff } from '@/server/auth/guards';
import { CustomerDetail } from '@/components/customers/customer-detail';

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  return <CustomerDetail id={id} />;
}
