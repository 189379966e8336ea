import { requireId, requireStaff } from '@/server/auth/guards';
import { CustomerDetail } from '@/components/customers/customer-detail';

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const id = requireId((await params).id);
  return <CustomerDetail id={id} />;
}
