// D6: the installation's VAPID key pair. Taken from VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY when set; else
// made on first start and kept in the database (InstallationSecret), so every app and worker process
// of the installation signs with the same pair and browsers' subscriptions stay valid across restarts.
import webpush from 'web-push';
import { env } from '@/env';
import { db } from '@/server/db';

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

const SECRET = 'vapid';
let cached: Promise<VapidKeys> | null = null;

async function load(): Promise<VapidKeys> {
  const e = env();
  const subject = e.VAPID_SUBJECT ?? `mailto:${e.EMAIL_FROM}`;
  if (e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY) return { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject };
  const made = webpush.generateVAPIDKeys();
  // Two processes starting together: the first insert wins and both read it back.
  await db().installationSecret.createMany({ data: [{ name: SECRET, value: JSON.stringify(made) }], skipDuplicates: true });
  const row = await db().installationSecret.findUniqueOrThrow({ where: { name: SECRET } });
  const kept = JSON.parse(row.value) as { publicKey: string; privateKey: string };
  return { publicKey: kept.publicKey, privateKey: kept.privateKey, subject };
}

/** The key pair (made and stored on the first call of the installation). */
export function vapidKeys(): Promise<VapidKeys> {
  cached ??= load().catch((err) => {
    cached = null;
    throw err;
  });
  return cached;
}
