// `npm run worker`: the notification worker on its own, for when app nodes run with WORKER=off.
// Any number may run against one database; they share the outbox and the queue.
import { startWorker } from '@/server/notifications/worker';
import { authSecret } from './runtime';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Antena worker: DATABASE_URL is not set.');
  process.exit(1);
}
// Export links (C15) are signed with the app's secret: the app nodes' AUTH_SECRET (or, on the app's own
// machine, the one `npm start` generated).
process.env.AUTH_SECRET ??= authSecret();
const worker = await startWorker(url);
console.log('Antena worker: delivering notifications.');
let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
