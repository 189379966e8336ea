// `npm start` (and `npm run dev` with --dev): one command brings up the whole product.
//   1. PostgreSQL: DATABASE_URL, or an embedded server kept in .antena/pgdata;
//   2. migrations; 3. the demo tenant, once (by default only on the embedded database); 4. a build if there is none; 5. the app on PORT.
// Ctrl-C stops the app and the database cleanly.
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { appEnv, authSecret, build, buildIsCurrent, buildServiceWorker, DATA_DIR, migrate, openDatabase, serveNext, stopChild } from './runtime';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const rootDomain = process.env.ROOT_DOMAIN ?? 'localhost';
const t0 = performance.now();
const externalDatabase = Boolean(process.env.DATABASE_URL);

const database = await openDatabase();
let app: Awaited<ReturnType<typeof serveNext>> | undefined;
let worker: { stop: () => Promise<void> } | undefined;
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nAntena: stopping…');
  await worker?.stop().catch(() => undefined);
  await stopChild(app);
  await database.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

try {
  await migrate(database.url);
  process.env.DATABASE_URL = database.url;
  const { seedDemo, DEMO_USERS, DEMO_PASSWORD, DEMO_CUSTOMER } = await import('@/server/seed/demo');
  // The demo tenant's logins are public (this README), so a server of one's own gets it only when asked.
  const demo = process.env.DEMO_TENANT ? process.env.DEMO_TENANT === 'on' : !externalDatabase;
  const seeded = demo ? await seedDemo() : { created: false };
  // D6: the installation's Web Push keys, made now on the first start (kept in the database).
  const { vapidKeys } = await import('@/server/notifications/vapid');
  await vapidKeys();
  // D6: the notification worker, in this process unless WORKER=off (then `npm run worker` elsewhere).
  if (process.env.WORKER !== 'off') {
    const { startWorker } = await import('@/server/notifications/worker');
    // The worker signs export links (C15) with the app's secret.
    process.env.AUTH_SECRET ??= authSecret();
    worker = await startWorker(database.url);
  }

  const env = appEnv({ databaseUrl: database.url, port });
  if (!dev && !buildIsCurrent()) {
    console.log('Antena: building the app (about a minute; only when the sources changed)…');
    await build(env);
  }
  // Push needs /sw.js under `next dev` too: the same worker, precaching nothing (a later `npm start` rebuilds).
  if (dev) await buildServiceWorker({ ...env, NODE_ENV: 'development' });
  app = await serveNext(dev ? 'dev' : 'start', env, { port, host });
  app.on('exit', (code) => {
    if (!stopping) {
      console.error(`Antena: the app exited (${code})`);
      void shutdown(1);
    }
  });

  const origin = (slug?: string) => `http://${slug ? `${slug}.` : ''}${rootDomain}${port === 80 ? '' : `:${port}`}`;
  const demoLines = [
    `  Back office   ${origin('demo')}`,
    `  Technicians   ${origin('demo')}/tech`,
    `  Customers     ${origin('demo')}/portal`,
    `  Sign up an ISP ${origin()}`,
    '',
    `  Demo logins (password: ${DEMO_PASSWORD})`,
    ...DEMO_USERS.map((u) => `    ${u.role.padEnd(11)} ${u.email}`),
    `    CUSTOMER    tax id ${DEMO_CUSTOMER.taxId} at /portal`,
  ];
  const links = demo ? demoLines : [`  Sign up an ISP ${origin()}   (no demo tenant; DEMO_TENANT=on adds it)`];
  console.log(`
Antena is running (${((performance.now() - t0) / 1000).toFixed(1)} s${seeded.created ? ', demo tenant created' : ''}).

${links.join('\n')}

  Database      ${externalDatabase ? 'DATABASE_URL' : `embedded PostgreSQL in ${path.relative(process.cwd(), path.join(DATA_DIR, 'pgdata'))}`}
Press Ctrl-C to stop.
`);
} catch (error) {
  console.error('Antena failed to start:', error);
  await shutdown(1);
}
