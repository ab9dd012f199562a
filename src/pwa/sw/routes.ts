/**
 * Which way the service worker answers a request. Pure (URLs and strings in, a route out) so the
 * decision is unit-tested in Node; the handlers live in ./sw.ts.
 */

export type Route =
  /** A navigation to the app itself (the scope root or index.html, any query such as ?demo=): the precached shell. */
  | 'shell'
  /** Another navigation inside the scope: precache, else network; isolation headers added. */
  | 'navigation'
  /** A same-origin file inside the scope: precache, else a cached model library, else network; isolation headers added. */
  | 'same-origin'
  /** A Python package file or its lock metadata, on any origin: package cache first, then network (kept). */
  | 'package'
  /** A model library (.wasm) on another origin: web-llm's `webllm/wasm` cache first, then network. */
  | 'model-library'
  /** Not ours to answer (other origins, non-GET, outside the scope): the browser fetches it as usual. */
  | 'passthrough';

export interface RouteRequest {
  url: string;
  method: string;
  /** `Request.mode`: "navigate" for page loads. */
  mode: string;
}

/** Wheels, the zips Pyodide ships some packages as, and their lock metadata. */
const PACKAGE_FILE = /\.(whl|zip|tar|tgz|tar\.gz|metadata)$|(^|\/)pyodide-lock\.json$/i;

/** True when the path names a Python package file or lock file (see PACKAGE_FILE). */
export function isPackagePath(pathname: string): boolean {
  return PACKAGE_FILE.test(pathname);
}

/** True for a navigation the app shell answers: the scope folder itself or its index.html, whatever the query. */
export function isShellPath(pathname: string, scopePath: string): boolean {
  return pathname === scopePath || pathname === scopePath + 'index.html';
}

/**
 * Chooses the route. `scope` is the registration scope (absolute, ending in "/"): the folder the app
 * is served from, whatever sub-path that is.
 */
export function routeFor(request: RouteRequest, scope: string): Route {
  if (request.method !== 'GET') return 'passthrough';
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return 'passthrough';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'passthrough';
  const scopeUrl = new URL(scope);
  const sameOrigin = url.origin === scopeUrl.origin;
  const inScope = sameOrigin && url.pathname.startsWith(scopeUrl.pathname);
  if (isPackagePath(url.pathname) && (inScope || !sameOrigin)) return 'package';
  if (inScope) {
    if (request.mode === 'navigate') return isShellPath(url.pathname, scopeUrl.pathname) ? 'shell' : 'navigation';
    return 'same-origin';
  }
  if (!sameOrigin && url.pathname.endsWith('.wasm')) return 'model-library';
  return 'passthrough';
}
