// next-intl without locale routing: the language is the user's choice (cookie) or the tenant's default.
import { getRequestConfig } from 'next-intl/server';
import { cookies, headers } from 'next/headers';
import { isLocale, type Locale } from '@/lib/format';
import { LOCALE_COOKIE } from '@/server/http';
import { resolveTenantByHost } from '@/server/services/tenants/resolve';
import { messagesFor } from './catalog';

export async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const host = (await headers()).get('host');
  const tenant = host ? await resolveTenantByHost(host).catch(() => null) : null;
  return isLocale(tenant?.locale) ? tenant.locale : 'es';
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: messagesFor(locale) };
});
