/**
 * The PWA layer's state, one small observable store the components subscribe to. Written only by the
 * modules of src/pwa (register, install, isolation); read by anyone.
 */
import type { IsolationStatus } from './isolation-policy';

/** The build's version, defined by pwa.config.ts (`PWA_VERSION`, else package version + commit). */
declare const __PWA_VERSION__: string;

export type ServiceWorkerState = 'unsupported' | 'disabled' | 'registering' | 'ready' | 'failed';

export interface PwaState {
  serviceWorker: ServiceWorkerState;
  /** A new version is installed and waiting for the user's go-ahead. */
  updateReady: boolean;
  /** The new version took over in another tab: this tab runs the old code until it reloads. */
  updateActivatedElsewhere: boolean;
  /** The user accepted the update; it waits for the running answer to end. */
  updateDeferred: boolean;
  /** The browser offered installation (`beforeinstallprompt`) and the app is not installed. */
  installAvailable: boolean;
  /** Running as an installed app (standalone window). */
  installed: boolean;
  isolation: IsolationStatus;
  /** This build's version (`__PWA_VERSION__`). */
  version: string;
  online: boolean;
}

type Listener = (state: PwaState) => void;

let state: PwaState = {
  serviceWorker: 'registering',
  updateReady: false,
  updateActivatedElsewhere: false,
  updateDeferred: false,
  installAvailable: false,
  installed: false,
  isolation: { mode: 'not-isolated', reason: 'first-load', message: 'Checking cross-origin isolation.' },
  version: typeof __PWA_VERSION__ === 'string' ? __PWA_VERSION__ : 'dev',
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
};
const listeners = new Set<Listener>();

export function pwaState(): PwaState {
  return state;
}

/** Merges `change` into the state and tells the subscribers. */
export function updatePwaState(change: Partial<PwaState>): void {
  state = { ...state, ...change };
  for (const listener of [...listeners]) listener(state);
}

/** Calls `listener` on every change; returns the unsubscribe function. */
export function onPwaStateChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
