import { redirect } from 'next/navigation';
import { requireStaffWith } from '@/server/auth/guards';

/** D3–D5: the logs start at the e-mail one. */
export default async function MessagesRoute() {
  await requireStaffWith('messages.read');
  redirect('/messages/email');
}
