// Sẵn Sàng service worker: the app shell and the lessons a learner has opened stay readable
// offline. Hashed assets are cached for good; pages and course/lesson reads go to the network
// first and fall back to the copy kept from the last time they were read. Nothing else from
// the API is kept (sign-in, attempts, reports), and signing out empties the kept reads.
const SHELL = 'sansang-shell-v1';
const READS = 'sansang-reads';
const READABLE = /^\/api\/(me|courses(\/[^/]+(\/lessons\/[^/]+)?)?)$/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(['/index.html', '/manifest.webmanifest', '/icon.svg'])).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith('sansang-shell-') && n !== SHELL).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

async function networkFirst(request, cacheName, fallback) {
  try {
    const response = await fetch(request);
    if (response.ok) (await caches.open(cacheName)).put(fallback ?? request, response.clone());
    return response;
  } catch (err) {
    const kept = await caches.match(fallback ?? request);
    if (kept) return kept;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL, '/index.html'));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request).then(async (response) => {
      if (response.ok) (await caches.open(SHELL)).put(request, response.clone());
      return response;
    })));
  } else if (READABLE.test(url.pathname)) {
    event.respondWith(networkFirst(request, READS));
  }
});
