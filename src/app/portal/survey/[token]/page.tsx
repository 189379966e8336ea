import { getLocale, getTranslations } from 'next-intl/server';
import { requireTenant } from '@/server/auth/guards';
import { AppError } from '@/server/errors';
import { translateError } from '@/i18n/catalog';
import { isLocale } from '@/lib/format';
import { surveyView } from '@/server/services/survey/survey';
import { AuthCard } from '@/components/shell/auth-card';
import { Alert } from '@/components/ui/controls';
import { SurveyForm } from '@/components/portal/survey-form';
import { TRPCReactProvider } from '@/trpc/react';

export async function generateMetadata() {
  const t = await getTranslations('survey');
  return { title: t('title') };
}

/** H5: the satisfaction survey through its signed link — no sign-in; a forged, used or expired link is refused. */
export default async function SurveyPage({ params }: { params: Promise<{ token: string }> }) {
  const tenant = await requireTenant();
  const t = await getTranslations('survey');
  const { token } = await params;
  const locale = await getLocale();
  let view: { number: number; title: string } | null = null;
  let refusal: string | null = null;
  try {
    view = await surveyView(tenant, decodeURIComponent(token));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refusal = translateError(isLocale(locale) ? locale : 'es', error.messageKey, error.params);
  }
  return (
    <AuthCard tenantName={tenant.name} title={t('title')}>
      {view ? (
        <TRPCReactProvider>
          <SurveyForm token={decodeURIComponent(token)} number={view.number} title={view.title} />
        </TRPCReactProvider>
      ) : (
        <Alert>{refusal ?? t('invalid')}</Alert>
      )}
    </AuthCard>
  );
}
