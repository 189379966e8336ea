'use client';
// D6/F13: turns Web Push on or off for this device. The browser subscribes with the installation's
// VAPID key through the service worker (/sw.js, registered by the layout); the subscription is kept
// for the signed-in person (staff or customer).
import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { Button } from '@/components/ui/controls';

type State = 'loading' | 'unsupported' | 'denied' | 'off' | 'on';

/** "Chrome · Android": how the person will recognize this device in lists and logs. */
function deviceLabel(ua: string): string {
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Navegador';
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : '';
  return os ? `${browser} · ${os}` : browser;
}

function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** The service worker the page's layout registered (src/components/pwa/service-worker.tsx). */
function registration() {
  return navigator.serviceWorker.ready;
}

export function PushToggle({ audience }: { audience: 'staff' | 'customer' }) {
  const t = useTranslations('push');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const api = audience === 'staff' ? trpc.push : trpc.portal.push;
  const [state, setState] = useState<State>('loading');
  const [notice, setNotice] = useState<string | null>(null);
  const subscribe = useMutation(api.subscribe.mutationOptions());
  const unsubscribe = useMutation(api.unsubscribe.mutationOptions());
  const test = useMutation(api.test.mutationOptions({ onSuccess: (r) => setNotice(t('testSent', { count: r.devices })) }));

  useEffect(() => {
    if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
      setState('unsupported');
      return;
    }
    if (Notification.permission === 'denied') {
      setState('denied');
      return;
    }
    registration()
      .then((reg) => reg.pushManager.getSubscription())
      .then((sub) => setState(sub ? 'on' : 'off'))
      .catch(() => setState('unsupported'));
  }, []);

  async function enable() {
    setNotice(null);
    try {
      if ((await Notification.requestPermission()) !== 'granted') {
        setState('denied');
        return;
      }
      const { publicKey } = await queryClient.fetchQuery(api.publicKey.queryOptions());
      const reg = await registration();
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(publicKey) });
      const json = sub.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
      await subscribe.mutateAsync({ endpoint: json.endpoint, keys: json.keys, label: deviceLabel(navigator.userAgent) });
      setState('on');
    } catch (error) {
      setNotice(t('failed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  }

  async function disable() {
    setNotice(null);
    const sub = await (await registration()).pushManager.getSubscription();
    if (sub) {
      await unsubscribe.mutateAsync({ endpoint: sub.endpoint });
      await sub.unsubscribe();
    }
    setState('off');
  }

  if (state === 'loading') return null;
  return (
    <section aria-label={t('title')} className="space-y-2 text-sm">
      <p className="text-slate-700">{t(state === 'on' ? 'enabled' : state === 'off' ? 'disabled' : state)}</p>
      <div className="flex flex-wrap gap-2">
        {state === 'off' ? <Button onClick={enable} disabled={subscribe.isPending}>{t('enable')}</Button> : null}
        {state === 'on' ? (
          <>
            <Button variant="secondary" onClick={() => test.mutate()} disabled={test.isPending}>{t('sendTest')}</Button>
            <Button variant="secondary" onClick={disable} disabled={unsubscribe.isPending}>{t('disable')}</Button>
          </>
        ) : null}
      </div>
      {notice ? <p role="status">{notice}</p> : null}
    </section>
  );
}
