import { redirect } from 'next/navigation';

/** Technicians sign in with their staff account; the sign-in page sends them on to /tech. */
export default function TechLoginPage() {
  redirect('/login?next=/tech');
}
