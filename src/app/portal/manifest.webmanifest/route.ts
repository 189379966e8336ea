// The /portal app's web manifest for the host's tenant (src/server/pwa/manifest.ts).
import { manifestResponse } from '@/server/pwa/manifest-route';

export function GET(request: Request): Promise<Response> {
  return manifestResponse(request, '/portal');
}
