// The end-to-end tests' server: a fresh embedded PostgreSQL, migrations, the demo tenant plus a
// second tenant `acme`, a current build, and the production server (src/cli/serve.ts) on loopback.
// Playwright starts it and stops it (SIGTERM), and it stops the database on its way out. Map tiles
// come from a tiny tile server on loopback (every tile a 1×1 PNG), so no test reaches the internet.
import { rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { appEnv, authSecret, build, buildIsCurrent, DATA_DIR, migrate, openDatabase, serveNext, stopChild } from '@/cli/runtime';
import { startFakePushService } from '../fakes/push-service';
import { startFakeResend } from '../fakes/resend';
import { startFakeSms } from '../fakes/sms';
import { startFakeMercadoPago } from '../fakes/mercadopago';
import { E2E_MERCADOPAGO, E2E_PORT, FAKE_MERCADOPAGO_PORT, FAKE_PUSH_PORT, FAKE_RESEND_PORT, FAKE_SMS_PORT, PUSH_CERT_FILE, TRUSTED_PROXY } from './ports';

const dataDir = path.join(DATA_DIR, 'e2e-pg');
rmSync(dataDir, { recursive: true, force: true });
// Ticket files of this run only.
process.env.FILES_DIR = path.join(DATA_DIR, 'e2e-files');
rmSync(process.env.FILES_DIR, { recursive: true, force: true });
delete process.env.DATABASE_URL;
// The app's port, for the links the worker (in this process) puts in messages.
process.env.PORT = String(E2E_PORT);
// One loopback address plays the load balancer; the browser's 127.0.0.1 is a client like any other.
process.env.TRUSTED_PROXIES = TRUSTED_PROXY;
const database = await openDatabase({ dataDir, port: Number(process.env.E2E_PG_PORT ?? 54339) });
let app: Awaited<ReturnType<typeof serveNext>> | undefined;

const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const tiles = http.createServer((req, res) => {
  if (req.url?.startsWith('/tiles/')) res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(PIXEL);
  else res.writeHead(404).end();
});
await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
process.env.MAP_TILE_URL = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}/tiles/{z}/{x}/{y}.png`;

// E-mail goes to a local stand-in for Resend; the specs read what it accepted from its /_delivered.
const resend = await startFakeResend(FAKE_RESEND_PORT);
process.env.RESEND_API_KEY = 're_e2e';
process.env.RESEND_BASE_URL = resend.url;
// C15: exports above 5 rows go to the background, and their files and links last 30 s (tests/e2e/exports.spec.ts
// sees a link work and then expire); the defaults are 10,000 rows and 7 days.
process.env.EXPORT_SYNC_MAX_ROWS = '5';
process.env.EXPORT_EXPIRY_SECONDS = '30';
// SMS go to a local stand-in for Twilio; the specs read what it accepted from its /_received.
const SMS_ACCOUNT = { accountSid: 'AC00000000000000000000000000e2e000', authToken: 'e2e-sms-token' };
const sms = await startFakeSms({ ...SMS_ACCOUNT, port: FAKE_SMS_PORT });
process.env.TWILIO_ACCOUNT_SID = SMS_ACCOUNT.accountSid;
process.env.TWILIO_AUTH_TOKEN = SMS_ACCOUNT.authToken;
process.env.TWILIO_BASE_URL = sms.url;
// Web Push goes to a local HTTPS push service the app trusts through PUSH_CA_FILE; specs read /_received.
const pushService = await startFakePushService({ port: FAKE_PUSH_PORT, certFile: PUSH_CERT_FILE });
Object.assign(process.env, pushService.env);
// Mercado Pago's API and checkout page: a local stand-in the SDK is pointed at; it notifies the app on the tenant's host.
const mercadoPago = await startFakeMercadoPago({ accounts: [E2E_MERCADOPAGO], port: FAKE_MERCADOPAGO_PORT });
process.env.MERCADOPAGO_API_URL = mercadoPago.url;
let worker: { stop: () => Promise<void> } | undefined;

async function shutdown(code = 0) {
  await worker?.stop().catch(() => undefined);
  tiles.close();
  await resend.close();
  await sms.close();
  await pushService.close();
  await mercadoPago.close();
  await stopChild(app);
  await database.stop();
  process.exit(code);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());

try {
  await migrate(database.url);
  process.env.DATABASE_URL = database.url;
  const { seedDemo } = await import('@/server/seed/demo');
  const { seedE2e } = await import('./seed');
  await seedDemo();
  await seedE2e();
  // The notification worker runs beside the app, as in `npm start`.
  const { startWorker } = await import('@/server/notifications/worker');
  // The worker signs export links (C15) with the app's secret, as the app checks them.
  process.env.AUTH_SECRET ??= authSecret();
  // G3: E2E_WORK_EXPIRY_MS runs the work-expiry job that often (tests/e2e/work-status.spec.ts waits for it); the default is a minute.
  worker = await startWorker(database.url, { pollMs: 200, workExpiryMs: Number(process.env.E2E_WORK_EXPIRY_MS ?? 1_000) });
  const env = appEnv({ databaseUrl: database.url, port: E2E_PORT });
  if (!buildIsCurrent()) await build(env);
  app = await serveNext('start', env, { port: E2E_PORT, host: '127.0.0.1', quiet: true });
  console.log(`e2e server ready on ${E2E_PORT}`);
} catch (error) {
  console.error(error);
  await shutdown(1);
}
