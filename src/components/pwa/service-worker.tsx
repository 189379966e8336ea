'use client';
// The one place the service worker (/sw.js, scope '/', src/app/sw.ts) is registered: the technician
// app's, the portal's and the back office's layouts render <ServiceWorkerRegistration />; whatever
// needs the worker (push) waits for `navigator.serviceWorker.ready`.
import { useEffect } from 'react';
import { afterStartup } from '@/lib/after-load';
import type { ClearedMessage, ClearMessage, KeepMessage } from '@/lib/pwa';

let registering: Promise<ServiceWorkerRegistration> | null = null;

/** Registers /sw.js once per page load; null where the browser has no service workers. */
export function registerServiceWorker(): Promise<ServiceWorkerRegistration> | null {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null;
  registering ??= navigator.serviceWorker.register('/sw.js', { scope: '/' });
  return registering;
}

/**
 * Registers the worker once the page has loaded, finished its start (the technician app's opening
 * sync: holdStartup) and is idle: installing it fetches and stores the apps' files for offline use,
 * which should not compete with the first view (the usual advice for service workers; on /tech, an
 * install during the opening sync cost Lighthouse's performance score about 12 points).
 */
export function ServiceWorkerRegistration() {
  useEffect(
    () =>
      afterStartup(() => {
        registerServiceWorker()?.catch((error: unknown) => console.warn('service worker not registered', error));
      }),
    [],
  );
  return null;
}

/**
 * Drops the pages the worker keeps for offline use (signing out on a shared phone), waiting at most
 * two seconds for it to confirm; resolves to the caches it deleted, or null without a worker.
 */
export async function clearOfflinePages(): Promise<string[] | null> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null;
  const registration = await navigator.serviceWorker.getRegistration('/');
  const worker = registration?.active;
  if (!worker) return null;
  const channel = new MessageChannel();
  const answer = new Promise<string[] | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 2_000);
    channel.port1.onmessage = (event: MessageEvent<ClearedMessage>) => {
      clearTimeout(timer);
      resolve(event.data.deleted);
    };
  });
  worker.postMessage({ type: 'antena-clear' } satisfies ClearMessage, [channel.port2]);
  return answer;
}

/** Asks the worker (once it is active) to read these pages of this origin again into its kept copies (F14). */
export async function keepOfflinePages(paths: readonly string[]): Promise<void> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.ready;
  const urls = paths.map((path) => new URL(path, window.location.origin).href);
  registration.active?.postMessage({ type: 'antena-keep', urls } satisfies KeepMessage);
}
