// F3: the payment promise's card on the portal's home, with the tenant's date format and time zone.
import { requireCustomer } from '@/server/auth/guards';
import { intlLocale, isLocale } from '@/lib/format';
import { PortalPromiseCard } from './portal-promise-card';

export async function PortalPromise() {
  const { tenant } = await requireCustomer();
  return <PortalPromiseCard intl={intlLocale(isLocale(tenant.locale) ? tenant.locale : 'es', tenant.country)} timeZone={tenant.timeZone} />;
}
