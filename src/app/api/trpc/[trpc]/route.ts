// tRPC under `next dev`. In production src/cli/serve.ts answers /api/trpc/* itself, with the same handler.
import { handleTrpc } from '@/server/api/http-handler';

export { handleTrpc as GET, handleTrpc as POST };
