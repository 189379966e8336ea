import { getTranslations } from 'next-intl/server';
import { env } from '@/env';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { SignUpForm } from './sign-up-form';

/**
 * What the product does today, one line each (site.features.<key> in every language). A line is
 * added when its feature ships — the dashboard, the offline technician app and the portal's
 * invoices and payments have none until then.
 */
const FEATURES = ['desk', 'customers', 'notifications', 'tech', 'portal', 'languages'] as const;

export default async function LandingPage() {
  const t = await getTranslations('site');
  return (
    <main className="mx-auto max-w-5xl px-4 py-10">
      <header className="mb-10 flex items-center justify-between">
        <span className="text-xl font-bold text-brand-700">Antena</span>
        <LanguageSwitcher />
      </header>
      <div className="grid gap-10 md:grid-cols-2">
        <section>
          <h1 className="text-3xl font-bold leading-tight">{t('headline')}</h1>
          <p className="mt-4 text-slate-700">{t('pitch')}</p>
          <h2 className="mt-6 text-sm font-semibold text-slate-900">{t('featuresTitle')}</h2>
          <ul className="mt-2 list-disc space-y-2 pl-5 text-sm text-slate-700">
            {FEATURES.map((f) => (
              <li key={f}>{t(`features.${f}`)}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="signup-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="signup-title" className="mb-4 text-lg font-semibold">{t('signupTitle')}</h2>
          <SignUpForm rootDomain={env().ROOT_DOMAIN} />
        </section>
      </div>
    </main>
  );
}
