/**
 * Service worker registration and its life on the page: the update-ready flow (never a reload in the
 * middle of an answer) and the one reload that gains cross-origin isolation on the first visit.
 */
import { isAppBusy, waitUntilIdle } from './busy';
import { SKIP_WAITING_MESSAGE } from './cache-names';
import { describeIsolation, shouldReloadForIsolation, type IsolationFacts } from './isolation-policy';
import { updatePwaState } from './state';

/** sessionStorage key: this tab already reloaded once for isolation (survives the reload, not the tab). */
const RELOAD_GUARD_KEY = 'r1ci:isolation-reload';
/**
 * register() settles once sw.js is fetched and evaluated (not after the precache download), so a
 * registration still pending after this long is blocked (an enterprise policy, a test harness).
 */
const REGISTER_TIMEOUT_MS = 10_000;
/** Check for a new deploy this often while the app stays open. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export interface StartOptions {
  /** Service worker URL, relative to the page so any sub-path works. */
  swUrl?: string;
  /** Replaced in tests. */
  reload?: () => void;
}

let registration: ServiceWorkerRegistration | undefined;
let reloadForUpdate = false;
let reload: () => void = () => location.reload();
let userActed = false;
const facts: IsolationFacts = {
  crossOriginIsolated: false, controlled: false, serviceWorkerSupported: false, secureContext: false,
  registrationFailed: false, reloadAttempted: false,
};

/** Vite's dev server builds no service worker: report the mode and why, register nothing. */
export function reportDevelopmentMode(): void {
  Object.assign(facts, { crossOriginIsolated: globalThis.crossOriginIsolated === true, development: true, secureContext: true, serviceWorkerSupported: true });
  updatePwaState({ serviceWorker: 'disabled' });
  refreshIsolation();
}

/** Registers the service worker and wires the update and isolation flows. Call once, early. */
export async function startServiceWorker(options: StartOptions = {}): Promise<void> {
  reload = options.reload ?? reload;
  Object.assign(facts, {
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    controlled: Boolean(navigator.serviceWorker?.controller),
    serviceWorkerSupported: 'serviceWorker' in navigator,
    secureContext: globalThis.isSecureContext === true,
    reloadAttempted: readGuard() === 'set',
  });
  refreshIsolation();
  // Once the user has clicked or typed, a reload could lose what they were doing: no isolation reload.
  for (const type of ['pointerdown', 'keydown'] as const) addEventListener(type, () => { userActed = true; }, { capture: true, once: true });
  addEventListener('online', () => updatePwaState({ online: true }));
  addEventListener('offline', () => updatePwaState({ online: false }));
  if (!facts.serviceWorkerSupported) { updatePwaState({ serviceWorker: 'unsupported' }); return; }

  const hadController = facts.controlled;
  navigator.serviceWorker.addEventListener('controllerchange', () => onControllerChange(hadController));
  try {
    registration = await withTimeout(navigator.serviceWorker.register(options.swUrl ?? './sw.js', { scope: './' }), REGISTER_TIMEOUT_MS);
    // A stubbed register() (Playwright's serviceWorkers: 'block') resolves with nothing.
    if (!registration) throw new Error('service worker registration was blocked');
  } catch (err) {
    console.warn('Service worker registration failed; the app works online only.', err);
    facts.registrationFailed = true;
    updatePwaState({ serviceWorker: 'failed' });
    refreshIsolation();
    return;
  }
  watchFirstInstall(registration);
  watchForUpdates(registration);
  setInterval(() => void registration?.update().catch(() => undefined), UPDATE_CHECK_MS);
  await navigator.serviceWorker.ready;
  updatePwaState({ serviceWorker: 'ready' });
  // Active but not (yet) controlling this page: the first visit (before the worker claims it), or a hard
  // reload (Shift+Reload bypasses the worker). Either way the next load goes through the worker.
  if (!navigator.serviceWorker.controller) maybeReloadForIsolation();
}

/** A first install that fails (precache download cut, storage full) leaves no worker: say so rather than "installing". */
function watchFirstInstall(reg: ServiceWorkerRegistration): void {
  const first = reg.installing;
  if (!first || reg.active) return;
  first.addEventListener('statechange', () => {
    if (first.state !== 'redundant' || reg.active) return;
    facts.registrationFailed = true;
    updatePwaState({ serviceWorker: 'failed' });
    refreshIsolation();
  });
}

function watchForUpdates(reg: ServiceWorkerRegistration): void {
  // A worker already waiting from an earlier visit (the user chose "Later").
  if (reg.waiting && navigator.serviceWorker.controller) updatePwaState({ updateReady: true });
  reg.addEventListener('updatefound', () => {
    const incoming = reg.installing;
    incoming?.addEventListener('statechange', () => {
      // "installed" with a controller present means it waits for us; without one it is the first install.
      if (incoming.state === 'installed' && navigator.serviceWorker.controller) updatePwaState({ updateReady: true });
    });
  });
}

function onControllerChange(hadController: boolean): void {
  facts.controlled = true;
  if (reloadForUpdate) { reload(); return; }
  if (!hadController) { maybeReloadForIsolation(); return; }
  // Another tab accepted an update: this tab still runs the old code, so it offers a reload too.
  updatePwaState({ updateReady: true, updateActivatedElsewhere: true });
}

/** The first visit: the worker now controls the page, so a reload comes back isolated. */
function maybeReloadForIsolation(): void {
  const guard = readGuard();
  const reloadWanted = !facts.crossOriginIsolated && !facts.reloadAttempted;
  const busy = isAppBusy() || userActed;
  if (shouldReloadForIsolation({ ...facts, serviceWorkerReady: true, busy, guardAvailable: guard !== 'unavailable' })) {
    writeGuard();
    facts.reloadAttempted = true;
    reload();
    return;
  }
  facts.reloadDeferred = reloadWanted && busy;
  refreshIsolation();
}

/**
 * Applies the waiting update: waits until no answer runs, then lets the new worker take over and
 * reloads once it does. Resolves when the reload has been asked for.
 */
export async function applyUpdate(signal?: AbortSignal): Promise<void> {
  updatePwaState({ updateDeferred: isAppBusy() });
  try {
    await waitUntilIdle(signal);
  } finally {
    updatePwaState({ updateDeferred: false });
  }
  const waiting = registration?.waiting;
  if (!waiting) { reload(); return; } // already active (accepted in another tab)
  reloadForUpdate = true;
  waiting.postMessage({ type: SKIP_WAITING_MESSAGE });
}

/** Hides the prompt; the waiting version is offered again on the next load. */
export function dismissUpdate(): void {
  updatePwaState({ updateReady: false });
}

/** Asks the server for a new service worker now (also done hourly and on every navigation). */
export async function checkForUpdate(): Promise<void> {
  await registration?.update();
}

function refreshIsolation(): void {
  updatePwaState({ isolation: describeIsolation(facts) });
}

/** Exposed for ./isolation.ts. */
export function isolationFacts(): Readonly<IsolationFacts> {
  return facts;
}

function readGuard(): 'set' | 'clear' | 'unavailable' {
  try {
    return sessionStorage.getItem(RELOAD_GUARD_KEY) ? 'set' : 'clear';
  } catch {
    return 'unavailable';
  }
}

function writeGuard(): void {
  try {
    sessionStorage.setItem(RELOAD_GUARD_KEY, String(Date.now()));
  } catch { /* readGuard said it works */ }
}


function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from the service worker registration after ${ms} ms`)), ms);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (err) => { clearTimeout(timer); reject(err); });
  });
}
