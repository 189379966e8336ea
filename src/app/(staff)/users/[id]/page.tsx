import { requireId, requireStaffWith } from '@/server/auth/guards';
import { UserProfile } from '@/components/users/user-profile';

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffWith('users.read');
  const id = requireId((await params).id);
  return <UserProfile id={id} />;
}
