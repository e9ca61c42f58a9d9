// Lamina's service worker (generated into dist/sw.js by vite.config.ts). It keeps the app shell and
// every built file for offline use, and the last recovery plan the patient opened. API calls other
// than the plan always go to the network: check-ins wait in the page's own outbox, never here.
const version = '__VERSION__';
const shell = `lamina-shell-${version}`;
const data = 'lamina-data';
const files = __FILES__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(shell)
      .then((cache) => cache.addAll(files))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('lamina-shell-') && k !== shell)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// Sign-out: forget the cached API answers (the page deletes the cache too; this covers a write in flight).
self.addEventListener('message', (event) => {
  if (event.data?.type === 'signed-out') event.waitUntil(caches.delete(data));
});

const isPlan = (url) => /^\/api\/patients\/[^/]+\/plan$/.test(url.pathname);

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isPlan(url)) {
    // Network first; the last good plan when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(data).then((cache) => cache.put(url.pathname, copy));
          }
          return response;
        })
        .catch(() =>
          caches.match(url.pathname, { cacheName: data }).then((hit) => hit ?? Response.error()),
        ),
    );
    return;
  }
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() =>
        caches.match('/', { cacheName: shell }).then((hit) => hit ?? Response.error()),
      ),
    );
    return;
  }
  event.respondWith(
    caches.match(url.pathname, { cacheName: shell }).then((hit) => hit ?? fetch(request)),
  );
});

// Reminders (issue 16): a Web Push message from Lamina's server, encrypted for this device. It
// carries only a short, non-clinical prompt ({ title, body, url, tag }); the notification opens
// the app at `url` (the check-in for a check-in reminder).
self.addEventListener('push', (event) => {
  let message = { title: 'Lamina', body: '', url: '/', tag: 'lamina-reminder' };
  try {
    if (event.data) message = { ...message, ...event.data.json() };
  } catch {
    if (event.data) message.body = event.data.text();
  }
  const url = typeof message.url === 'string' && message.url.startsWith('/') ? message.url : '/';
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      tag: message.tag,
      data: { url },
      icon: '/icon-192.png',
    }),
  );
});

/** Opens the app at the notification's page: an open Lamina window navigates there, else a new one. */
self.openFromNotification = (notification) => {
  notification.close();
  const path = notification.data?.url ?? '/';
  const target = new URL(path, self.location.origin).href;
  return self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
    const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
    if (!open) return self.clients.openWindow(target);
    return open.navigate(target).then((w) => (w ?? open).focus().catch(() => w ?? open));
  });
};

self.addEventListener('notificationclick', (event) => {
  event.waitUntil(self.openFromNotification(event.notification));
});
