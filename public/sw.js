// Antena's service worker: shows Web Push notifications (D2, F13) and opens the ticket on a click.
// The payload is { title, body, url, tag } (src/server/notifications/push.ts).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(
    self.registration.showNotification(data.title || 'Antena', {
      body: data.body || '',
      tag: data.tag,
      icon: '/icon.svg',
      data: { url: data.url || '/' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || '/', self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const same = windows.find((w) => new URL(w.url).origin === url.origin);
      if (same) return same.navigate(url.href).then((w) => (w || same).focus());
      return self.clients.openWindow(url.href);
    }),
  );
});
