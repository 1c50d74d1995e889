// Sẵn Sàng service worker: the app shell and the lessons a learner has opened stay readable
// offline. Hashed assets are cached for good; pages and course/lesson reads go to the network
// first and fall back to the copy kept from the last time they were read. A lesson's images
// (/media/<course>/<version>/…, never changed once published) are kept from the first time
// they are shown and then read from the kept copy. Nothing else from the API is kept (sign-in,
// attempts, reports), and signing out empties the kept reads and images.
// A kept read (who is signed in, courses with their progress, lessons) is shown offline only for
// READS_KEPT_MS after it was fetched: on a shared office PC left without signing out, the next
// person must not read the last learner's name and progress for days.
const SHELL = 'sansang-shell-v1';
const READS = 'sansang-reads';
const READABLE = /^\/api\/(me|courses(\/[^/]+(\/lessons\/[^/]+)?)?)$/;
// 8 hours, the absolute lifetime of a sign-in (SESSION_SECONDS in packages/core): a read made
// during a session is older than this only once that session has ended for certain, so nothing
// is shown offline that the server would no longer show the same person without a new sign-in,
// while a learner on a line that drops keeps, for the rest of their working day, what they read.
const READS_KEPT_MS = 8 * 60 * 60 * 1000;
// When a kept read was fetched (ms since the epoch), set on the kept copy only.
const CACHED_AT = 'x-sw-cached-at';
// A clock put back a little (time sync) does not make a fresh read look as if from the future.
const CLOCK_SLACK_MS = 60 * 1000;

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

/** Keeps a copy of an API read stamped with the time it was fetched. */
async function keepRead(request, response) {
  const headers = new Headers(response.headers);
  headers.set(CACHED_AT, String(Date.now()));
  const copy = new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
  await (await caches.open(READS)).put(request, copy);
}

/**
 * An API read: the network first, offline the kept copy while it is younger than READS_KEPT_MS.
 * An older copy (or one kept before copies were stamped) is deleted and the request fails as
 * if nothing had been kept, so the page shows its usual offline state, not the last learner.
 */
async function networkFirstRead(request) {
  try {
    const response = await fetch(request);
    if (response.ok) keepRead(request, response.clone()).catch(() => undefined);
    return response;
  } catch (err) {
    const cache = await caches.open(READS);
    const kept = await cache.match(request);
    if (kept) {
      const age = Date.now() - Number(kept.headers.get(CACHED_AT));
      if (age >= -CLOCK_SLACK_MS && age < READS_KEPT_MS) return kept;
      await cache.delete(request);
    }
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
    event.respondWith(networkFirstRead(request));
  }
});
