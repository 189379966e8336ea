import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** Inside the back office (its header stays): a record or a page that is not there, or not the user's to see. */
export default async function StaffNotFound() {
  const t = await getTranslations('notFound');
  return (
    <div className="flex flex-col items-center gap-2 py-16 text-center">
      <p className="text-5xl font-bold text-slate-300">404</p>
      <h1 className="text-xl font-semibold">{t('title')}</h1>
      <p className="text-sm text-slate-600">{t('recordBody')}</p>
      <Link href="/" className="mt-2 text-sm text-brand-700 underline">{t('home')}</Link>
    </div>
  );
}
