import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireStaffWith } from '@/server/auth/guards';
import { UserProfile } from '@/components/users/user-profile';

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffWith('users.read');
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  return <UserProfile id={id} />;
}
