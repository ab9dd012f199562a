/**
 * Cross-origin isolation: which mode the app runs in, why, and whether reloading once would gain it.
 * Pure: the facts are gathered by ./isolation.ts and ./register.ts.
 */

export type IsolationMode = 'isolated' | 'not-isolated';

export type IsolationReason =
  /** The host sends COOP/COEP itself. */
  | 'server-headers'
  /** The service worker added COOP/COEP to this page. */
  | 'service-worker'
  /** This load came before the service worker controlled the page; the next load (or the reload) is isolated. */
  | 'first-load'
  /** The browser has no service workers here (private mode in some browsers, an old browser, disabled by policy). */
  | 'no-service-worker'
  /** Service workers need HTTPS (or localhost); this page is plain HTTP. */
  | 'insecure-context'
  /** The service worker failed to register or install. */
  | 'service-worker-failed'
  /** The page is controlled yet not isolated: the browser ignored the headers (or a reload did not help). */
  | 'headers-not-applied'
  /** Isolation would need a reload, put off because an answer was running or the user was already at work. */
  | 'reload-deferred'
  /** Vite's dev server: no service worker is built. */
  | 'development';

export interface IsolationStatus {
  mode: IsolationMode;
  reason: IsolationReason;
  /** For the UI: what this means for the user, in words. */
  message: string;
}

export interface IsolationFacts {
  /** `crossOriginIsolated` of this page. */
  crossOriginIsolated: boolean;
  /** A service worker controls this page (`navigator.serviceWorker.controller`). */
  controlled: boolean;
  /** `'serviceWorker' in navigator`. */
  serviceWorkerSupported: boolean;
  secureContext: boolean;
  registrationFailed: boolean;
  /** This tab already reloaded once to gain isolation (the loop guard). */
  reloadAttempted: boolean;
  /** A reload to gain isolation was wanted but put off (busy). */
  reloadDeferred?: boolean;
  /** Running from Vite's dev server (no service worker there). */
  development?: boolean;
}

const FAST = 'Stopping a runaway script takes milliseconds (Python is interrupted in place).';
const SLOW = 'Stopping a runaway script restarts Python (about 1.5 s); everything else works.';

export function describeIsolation(facts: IsolationFacts): IsolationStatus {
  if (facts.crossOriginIsolated) {
    return facts.controlled
      ? { mode: 'isolated', reason: 'service-worker', message: `Cross-origin isolated by the app's service worker. ${FAST}` }
      : { mode: 'isolated', reason: 'server-headers', message: `Cross-origin isolated by the web server's headers. ${FAST}` };
  }
  const why = notIsolatedReason(facts);
  return { mode: 'not-isolated', reason: why, message: `${REASON_TEXT[why]} ${SLOW}` };
}

function notIsolatedReason(facts: IsolationFacts): IsolationReason {
  if (facts.development) return 'development';
  if (!facts.secureContext) return 'insecure-context';
  if (!facts.serviceWorkerSupported) return 'no-service-worker';
  if (facts.registrationFailed) return 'service-worker-failed';
  if (facts.reloadDeferred) return 'reload-deferred';
  // Controlled yet not isolated: the document came through the worker with the headers and the browser ignored them.
  if (facts.controlled) return 'headers-not-applied';
  return 'first-load';
}

const REASON_TEXT: Record<IsolationReason, string> = {
  'server-headers': '',
  'service-worker': '',
  'first-load': 'Not cross-origin isolated yet: the app is being installed for offline use; the next load will be isolated.',
  'no-service-worker': 'Not cross-origin isolated: this browser (or its private mode) offers no service worker, so the app cannot add the headers isolation needs, and it will not work offline.',
  'insecure-context': 'Not cross-origin isolated: the page is served over plain HTTP, where browsers allow no service worker. Serve it over HTTPS (or from localhost).',
  'service-worker-failed': 'Not cross-origin isolated: the service worker could not be installed (storage full or blocked).',
  'headers-not-applied': 'Not cross-origin isolated: this browser did not apply the isolation headers the service worker sends.',
  'reload-deferred': 'Not cross-origin isolated yet: reloading would have interrupted what you were doing; the next load will be isolated.',
  development: 'Not cross-origin isolated: the development server runs without the service worker (build the app, or use the isolated test harness).',
};

/**
 * Reload once to gain isolation: only when a service worker now controls (or is ready to control) the
 * page, the page is not isolated, this tab has not tried already (a browser that ignores the headers
 * would otherwise reload forever), and nothing is running.
 */
export function shouldReloadForIsolation(facts: IsolationFacts & { serviceWorkerReady: boolean; busy: boolean; guardAvailable: boolean }): boolean {
  return !facts.crossOriginIsolated && facts.serviceWorkerReady && !facts.reloadAttempted && !facts.busy && facts.guardAvailable;
}
