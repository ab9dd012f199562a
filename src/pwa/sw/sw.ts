/// <reference lib="webworker" />
/**
 * The service worker (vite-plugin-pwa `injectManifest`: Workbox fills `self.__WB_MANIFEST` with the
 * build's files at build time). It:
 * - precaches the app shell, Pyodide's runtime and any model library shipped in the build, so the app,
 *   a reload, a new tab and Python work with the network off after one visit;
 * - adds COOP/COEP to every response it serves from the app's folder, so the second load is
 *   cross-origin isolated (SharedArrayBuffer, the fast Python interrupt) on hosts that set no headers;
 * - keeps Python packages fetched from the package base URL in a runtime cache for offline use, and
 *   answers a package it never saw, offline, with a prompt network error (never a hang);
 * - serves model libraries from web-llm's own `webllm/wasm` cache: web-llm fetches a library whose URL
 *   contains `localhost` or is relative from the network every time, which would fail offline.
 * It waits for the page's go-ahead before replacing an older version (the "update ready" prompt).
 */
import { cleanupOutdatedCaches, matchPrecache, precache, type PrecacheEntry } from 'workbox-precaching';
import { setCacheNameDetails } from 'workbox-core';
import { CACHE_PREFIX, MODEL_LIBRARY_CACHE, PACKAGE_CACHE, SKIP_WAITING_MESSAGE, VERSION_MESSAGE } from '../cache-names';
import { withIsolationHeaders } from './isolation-headers';
import { routeFor, type Route } from './routes';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };
declare const __PWA_VERSION__: string;

setCacheNameDetails({ prefix: CACHE_PREFIX });
precache(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// No skipWaiting() on install: a new version waits until the page posts SKIP_WAITING (user accepted and
// no answer is running). The very first install has nothing to wait for and activates at once.
self.addEventListener('activate', (event) => {
  // Control the page that installed us without a reload, so it works offline from now on.
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === SKIP_WAITING_MESSAGE) void self.skipWaiting();
  else if (type === VERSION_MESSAGE) event.ports[0]?.postMessage({ version: __PWA_VERSION__ });
});

self.addEventListener('fetch', (event) => {
  const route = routeFor(event.request, self.registration.scope);
  if (route === 'passthrough') return;
  event.respondWith(
    answer(route, event).catch(() => Response.error()),
  );
});

function answer(route: Exclude<Route, 'passthrough'>, event: FetchEvent): Promise<Response> {
  const { request } = event;
  switch (route) {
    case 'shell': return shell(request);
    case 'navigation': return sameOrigin(request);
    case 'same-origin': return sameOrigin(request);
    case 'package': return pythonPackage(event);
    case 'model-library': return modelLibrary(request);
  }
}

/** The precached index.html for any query (?demo=, ?replay=); the network only if the precache lost it. */
async function shell(request: Request): Promise<Response> {
  const cached = await matchPrecache(new URL('index.html', self.registration.scope).href);
  return withIsolationHeaders(cached ?? (await fetch(request)));
}

async function sameOrigin(request: Request): Promise<Response> {
  const cached = (await fromPrecache(request.url)) ?? (request.url.endsWith('.wasm') ? await fromModelLibraries(request.url) : undefined);
  if (cached) return withIsolationHeaders(cached);
  const response = await fetch(request);
  // Same-origin redirects (a folder without its slash) are rebuilt so the browser follows them again.
  if (response.redirected && request.mode === 'navigate') return Response.redirect(response.url, 302);
  return withIsolationHeaders(response);
}

/** Exact precache hit, then the same URL without its query (`?v=`, `?import`). */
async function fromPrecache(url: string): Promise<Response | undefined> {
  const hit = await matchPrecache(url);
  if (hit) return hit;
  const bare = new URL(url);
  if (!bare.search) return undefined;
  bare.search = '';
  return matchPrecache(bare.href);
}

async function fromModelLibraries(url: string): Promise<Response | undefined> {
  const cache = await caches.open(MODEL_LIBRARY_CACHE);
  return (await cache.match(url, { ignoreSearch: true })) ?? undefined;
}

/**
 * Cache first: a wheel's file name carries its version (and the lock its sha256), so a cached copy never
 * goes stale. A miss goes to the network and is kept when it arrived whole; offline, fetch fails at once
 * and the caller (Pyodide) reports the package as unavailable.
 */
async function pythonPackage(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const sameSite = new URL(request.url).origin === self.location.origin;
  if (sameSite) {
    const precached = await fromPrecache(request.url);
    if (precached) return withIsolationHeaders(precached);
  }
  const cache = await caches.open(PACKAGE_CACHE);
  const cached = await cache.match(request.url, { ignoreSearch: true, ignoreVary: true });
  if (cached) return sameSite ? withIsolationHeaders(cached) : cached;
  const response = await fetch(request);
  if (response.status === 200 && (response.type === 'basic' || response.type === 'cors')) {
    event.waitUntil(cache.put(request.url, response.clone()).catch(() => undefined));
  }
  return sameSite ? withIsolationHeaders(response) : response;
}

/** A cross-origin model library: the copy the app downloaded into web-llm's cache, else the network. */
async function modelLibrary(request: Request): Promise<Response> {
  return (await fromModelLibraries(request.url)) ?? fetch(request);
}
