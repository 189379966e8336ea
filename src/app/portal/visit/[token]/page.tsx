import { getLocale, getTranslations } from 'next-intl/server';
import { requireTenant } from '@/server/auth/guards';
import { AppError } from '@/server/errors';
import { translateError } from '@/i18n/catalog';
import { intlLocale, isLocale } from '@/lib/format';
import { linkSchedule } from '@/server/services/tickets/scheduling';
import { AuthCard } from '@/components/shell/auth-card';
import { Alert } from '@/components/ui/controls';
import { VisitLinkAnswer } from '@/components/portal/visit-answer';
import { TRPCReactProvider } from '@/trpc/react';

export async function generateMetadata() {
  const t = await getTranslations('scheduling');
  return { title: t('portal.pageTitle') };
}

/** G5: the visit proposed to the customer, answered through its e-mailed link — no sign-in; an answered, replaced, forged or expired link is refused. */
export default async function VisitLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const tenant = await requireTenant();
  const t = await getTranslations('scheduling');
  const token = decodeURIComponent((await params).token);
  const locale = await getLocale();
  const lang = isLocale(locale) ? locale : 'es';
  let view: Awaited<ReturnType<typeof linkSchedule>> | null = null;
  let refusal: string | null = null;
  try {
    view = await linkSchedule(tenant, { token });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refusal = translateError(lang, error.messageKey, error.params);
  }
  return (
    <AuthCard tenantName={tenant.name} title={t('portal.pageTitle')}>
      {view ? (
        <TRPCReactProvider>
          <VisitLinkAnswer token={token} initial={view} intl={intlLocale(lang, tenant.country)} />
        </TRPCReactProvider>
      ) : (
        <Alert>{refusal}</Alert>
      )}
    </AuthCard>
  );
}
