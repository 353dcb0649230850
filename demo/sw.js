// Coursely's service worker (the demo only, not part of the package): lets the dashboard load
// with no network at all. On install it caches the app shell (the page, its style and scripts,
// /demo/config) and the package files it runs on, found by following the import graph from the
// entry modules: every relative `import`/`export ... from` and `new URL('...', import.meta.url)`
// (which is how the package names its worker and its wasm). At run time it answers those paths
// network first, keeping the cache fresh, and from the cache when the network fails. The sync
// API (/v1/) and the token endpoint are never cached: offline, sync fails and retries, as it
// should. Registered with scope '/' (the demo server sends Service-Worker-Allowed), because the
// engine's Worker is loaded from /js/ and must be controlled too.
const CACHE = 'coursely-shell-v1';
const SHELL = ['/demo/', '/demo/demo.css', '/demo/config'];
const ENTRIES = ['/demo/app.js', '/js/index.browser.js', '/js/worker.browser.js', '/web/index.js'];
const CACHED_PATHS = ['/demo/', '/js/', '/web/', '/dist/'];
const NEVER_CACHED = ['/demo/token', '/demo/sw.js'];
const SPECIFIERS = /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]|new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g;

// The module's relative imports and import.meta.url references, as absolute URLs.
function references(source, base) {
  const found = [];
  for (const match of source.matchAll(SPECIFIERS)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (/^(\.{1,2}\/|\/)/.test(specifier)) found.push(new URL(specifier, base).href);
  }
  return found;
}

// Caches the shell and the import graph of the entries. A reference that does not load (one
// named in a comment, say) is skipped; a missing entry fails the install, so nothing half-works.
async function precache() {
  const cache = await caches.open(CACHE);
  await cache.addAll(SHELL);
  const entries = new Set(ENTRIES.map((path) => new URL(path, self.location.origin).href));
  const seen = new Set();
  const queue = [...entries];
  while (queue.length > 0) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const response = await fetch(url, { cache: 'no-store' }).catch(() => null);
    if (!response?.ok && entries.has(url)) throw new Error(`cannot cache ${url}`);
    if (!response?.ok) continue;
    await cache.put(url, response.clone());
    if (/\.m?js$/.test(new URL(url).pathname)) queue.push(...references(await response.text(), url));
  }
}

function cacheable(request) {
  const url = new URL(request.url);
  return request.method === 'GET' && url.origin === self.location.origin &&
    CACHED_PATHS.some((p) => url.pathname.startsWith(p)) && !NEVER_CACHED.includes(url.pathname);
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('install', (event) => event.waitUntil(precache().then(() => self.skipWaiting())));

self.addEventListener('activate', (event) => {
  const old = caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))));
  event.waitUntil(old.then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  if (cacheable(event.request)) event.respondWith(networkFirst(event.request));
});
