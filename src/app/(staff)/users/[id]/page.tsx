import { requireId, requireStaffWith } from '@/server/auth/guards';
import { UserProfile } from '@/components/users/user-profile';
import { env } from '@/env';

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffWith('users.read');
  const id = requireId((await params).id);
  // A technician's profile shows their last position on a map (C16); its tiles are configured at run time.
  const { MAP_TILE_URL, MAP_TILE_ATTRIBUTION } = env();
  return <UserProfile id={id} tiles={{ url: MAP_TILE_URL, attribution: MAP_TILE_ATTRIBUTION }} />;
}
