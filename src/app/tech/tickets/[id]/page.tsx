import { redirect } from 'next/navigation';
import { requireId } from '@/server/auth/guards';

/** Older links (e-mails, pushes) to a ticket in the technician app open it in the app's one page. */
export default async function TechTicketLink({ params }: { params: Promise<{ id: string }> }) {
  redirect(`/tech?ticket=${requireId((await params).id)}`);
}
