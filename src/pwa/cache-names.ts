/**
 * Cache names and header values shared by the service worker and the page. Pure: no DOM, no worker
 * globals, so both builds (and Node tests) import it.
 */

/** Prefix of every cache this app's service worker creates (Workbox appends `-precache-v2-<scope>`). */
export const CACHE_PREFIX = 'r1ci';

/**
 * Python packages (wheels, zips, their lock metadata) fetched from the Pyodide package base URL, kept so
 * a package imported once loads again offline. Filled by the service worker as packages are fetched and
 * by "make available offline" ahead of time.
 */
export const PACKAGE_CACHE = 'r1ci-pyodide-packages';

/** The Cache API scope where web-llm (and the app's downloader) keeps model libraries, keyed by URL. */
export const MODEL_LIBRARY_CACHE = 'webllm/wasm';

/**
 * The Cross-Origin-Embedder-Policy the service worker adds. `require-corp` rather than `credentialless`:
 * - every cross-origin request the app makes is a CORS fetch (model files from huggingface.co and
 *   raw.githubusercontent.com, wheels from the Pyodide CDN, a school's own server), and CORS responses
 *   pass `require-corp` unchanged; `credentialless` would only add no-cors embeds (a cross-origin <img>)
 *   which the app never needs and which model-written text should not be able to load anyway;
 * - Safari supports `require-corp` but not `credentialless` (an unknown value there means no isolation).
 */
export const COEP_VALUE = 'require-corp';
export const COOP_VALUE = 'same-origin';

/** Message the page posts to a waiting service worker once the user accepted the update. */
export const SKIP_WAITING_MESSAGE = 'r1ci:skip-waiting';
/** Message the page posts to ask the service worker which version it is (answered on a MessageChannel). */
export const VERSION_MESSAGE = 'r1ci:version';
