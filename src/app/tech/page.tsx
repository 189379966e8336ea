import { getTranslations } from 'next-intl/server';
import { env } from '@/env';
import { requireStaff } from '@/server/auth/guards';
import { TechShell } from '@/components/tech/tech-shell';
import { TechApp } from '@/components/tech/tech-app';

export async function generateMetadata() {
  const t = await getTranslations('tech');
  return { title: t('title') };
}

/**
 * The technician app (E1–E9): one page; its views (home, tickets, a ticket, map, route, profile) are
 * query parameters rendered on the device from its own copy, so the service worker's cached page
 * opens every view offline.
 */
export default async function TechPage() {
  const { tenant, staff } = await requireStaff('/login?next=/tech');
  const roles = await getTranslations('roles');
  const { MAP_TILE_URL, MAP_TILE_ATTRIBUTION } = env();
  return (
    <TechShell tenant={tenant} staff={staff}>
      <TechApp
        tenantId={tenant.id}
        staff={{ id: staff.id, name: staff.name, email: staff.email, roleLabel: roles(staff.role) }}
        tiles={{ url: MAP_TILE_URL, attribution: MAP_TILE_ATTRIBUTION }}
      />
    </TechShell>
  );
}
