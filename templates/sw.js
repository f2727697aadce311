/* SafeWard service worker.
 *
 * Pages: network first; a response is kept for offline reading only when the server
 * marked it "X-SW-Cache: public" (a published page seen by an anonymous visitor) or
 * "shell" (field-app shells and empty forms). Everything else, including every page a
 * signed-in user sees and the whole admin, never enters the cache.
 * Static files: from the cache when their name carries a content hash, else network first.
 */
"use strict";

importScripts("{{ outbox_core|escapejs }}");

const VERSION = "__SW_VERSION__";
const STATIC_CACHE = "safeward-static-" + VERSION;
const PAGE_CACHE = "safeward-pages-v1";
const IMAGE_CACHE = "safeward-images-v1";
const OFFLINE_URL = "{{ precache.0|escapejs }}";
const SYNC_KEY_URL = "{{ precache.1|escapejs }}";
const PRECACHE = [{% for url in precache %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const PAGE_PRECACHE = [{% for url in precache_pages %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const CACHE_HEADER = "{{ sw_cache_header|escapejs }}";
const CACHEABLE_MARKS = [{% for mark in sw_cacheable %}"{{ mark|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const NEVER = [/^\/admin\//, /^\/documents\//, /^\/sw\.js$/];
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => precachePages())
      .then(() => self.skipWaiting())
  );
});

async function precachePages() {
  // Empty public forms (the tip form) open offline even if never visited. Kept only if the
  // server marks them cacheable; a failure here never stops the worker installing.
  const cache = await caches.open(PAGE_CACHE);
  await Promise.all(PAGE_PRECACHE.map(async (url) => {
    try {
      const response = await fetch(url, { credentials: "omit" });
      if (isCacheablePage(response)) {
        await cache.put(url, response);
      }
    } catch (error) {
      /* offline while installing: it is kept on the first online visit instead */
    }
  }));
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith("safeward-static-") && key !== STATIC_CACHE)
          .map((key) => caches.delete(key))
      ))
      .then(() => self.clients.claim())
  );
});

function isCacheablePage(response) {
  return response.ok && response.type === "basic" &&
    CACHEABLE_MARKS.includes(response.headers.get(CACHE_HEADER));
}

async function pageNetworkFirst(request) {
  const cache = await caches.open(PAGE_CACHE);
  try {
    const response = await fetch(request);
    if (isCacheablePage(response)) {
      await cache.put(request, response.clone());
    } else if (response.ok || response.status === 404 || response.status === 410) {
      // The server no longer lets this page be kept (signed in, unpublished): forget it.
      await cache.delete(request);
    }
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) {
      return cached;
    }
    const path = new URL(request.url).pathname;
    const precached = PAGE_PRECACHE.includes(path) && (await cache.match(path, { ignoreVary: true }));
    if (precached) {
      return precached;
    }
    const fieldCopy = request.mode === "navigate" && (await fieldShellFor(cache, request));
    if (fieldCopy) {
      return fieldCopy;
    }
    if (request.mode === "navigate") {
      const offline = await caches.match(OFFLINE_URL);
      if (offline) {
        return offline;
      }
    }
    throw error;
  }
}

const FIELD_PATH = /^(\/[a-z]{2})?\/field\//;

async function fieldShellFor(cache, request) {
  // Offline in the field app: the kept empty form for this address, else the club's page
  // as kept, else the outbox. Never a page with personal data: those were never stored.
  const url = new URL(request.url);
  const match = url.pathname.match(FIELD_PATH);
  if (!match) {
    return null;
  }
  const prefix = match[1] || "";
  const home = await self.SafeWardOutboxCore.store.getMeta("fieldHome").catch(() => null);
  const candidates = [url.pathname + "?shell=1", home, prefix + "/field/outbox/"];
  for (const candidate of candidates) {
    const href = candidate && new URL(candidate, url.origin).href;
    const response = href && (await cache.match(href, { ignoreVary: true }));
    if (response) {
      return response;
    }
  }
  return null;
}

async function staticFile(request, url) {
  const cache = await caches.open(STATIC_CACHE);
  if (HASHED.test(url.pathname)) {
    const cached = await cache.match(request);
    if (cached) {
      return cached;
    }
  }
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) {
      return cached;
    }
    throw error;
  }
}

async function syncKey(request) {
  // The outbox's public key: fresh when online (kept for later), the kept copy when not.
  const cache = await caches.open(STATIC_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(SYNC_KEY_URL, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match(SYNC_KEY_URL, { ignoreVary: true });
    if (cached) {
      return cached;
    }
    throw error;
  }
}

async function imageCacheFirst(request) {
  const cache = await caches.open(IMAGE_CACHE);
  const cached = await cache.match(request);
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NEVER.some((re) => re.test(url.pathname))) {
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(staticFile(request, url));
  } else if (url.pathname === SYNC_KEY_URL) {
    event.respondWith(syncKey(request));
  } else if (url.pathname.startsWith("/media/images/")) {
    // Renditions of published images; their names change when the image does.
    event.respondWith(imageCacheFirst(request));
  } else if (request.mode === "navigate" || (request.headers.get("Accept") || "").includes("text/html")) {
    event.respondWith(pageNetworkFirst(request));
  }
});

// Background Sync (where the browser has it): send the outbox even with no page open.
// Phones without it (iPhones) send on reconnect and at every app start instead.
self.addEventListener("sync", (event) => {
  if (event.tag !== "safeward-outbox") {
    return;
  }
  event.waitUntil(
    self.SafeWardOutboxCore.drain({ force: true }).then(async (outcome) => {
      const windows = await self.clients.matchAll({ type: "window" });
      windows.forEach((client) => client.postMessage("safeward-outbox-changed"));
      if (outcome.stopped === "offline") {
        throw new Error("still offline: the browser will try this sync again");
      }
    })
  );
});
