// F3: the payment promise's card on the portal's home, with the tenant's date format and time zone;
// its status read on the server with the page.
import { requireCustomer } from '@/server/auth/guards';
import { intlLocale, isLocale } from '@/lib/format';
import { serverApi } from '@/trpc/server';
import { PortalPromiseCard } from './portal-promise-card';

export async function PortalPromise() {
  const { tenant } = await requireCustomer();
  const status = await (await serverApi()).portal.promise.status();
  return <PortalPromiseCard status={status} intl={intlLocale(isLocale(tenant.locale) ? tenant.locale : 'es', tenant.country)} timeZone={tenant.timeZone} />;
}
