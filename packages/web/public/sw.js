// Sẵn Sàng service worker: the app shell and the lessons a learner has opened stay readable
// offline. Hashed assets are cached for good; pages and course/lesson reads go to the network
// first and fall back to the copy kept from the last time they were read. A lesson's images
// (/media/<course>/<version>/…, never changed once published) are kept from the first time
// they are shown and then read from the kept copy. Nothing else from the API is kept (sign-in,
// attempts, reports), and signing out empties the kept reads and images.
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

async function cacheFirst(request, cacheName) {
  const hit = await caches.match(request, { cacheName });
  if (hit) return hit;
  const response = await fetch(request);
  // Only whole files: a 206 (a range of a video) cannot be kept.
  if (response.status === 200) (await caches.open(cacheName)).put(request, response.clone());
  return response;
}

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
  if (url.pathname.startsWith('/media/')) {
    event.respondWith(cacheFirst(request, READS));
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL, '/index.html'));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request, SHELL));
  } else if (READABLE.test(url.pathname)) {
    event.respondWith(networkFirst(request, READS));
  }
});
