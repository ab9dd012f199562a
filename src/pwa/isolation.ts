/**
 * Which isolation mode the app runs in, for the Python client (interrupt buffer or worker restart) and
 * for the UI, which must say it.
 */
import type { IsolationMode, IsolationStatus } from './isolation-policy';
import { pwaState } from './state';

export type { IsolationMode, IsolationReason, IsolationStatus } from './isolation-policy';

/**
 * 'isolated' when SharedArrayBuffer can be shared with workers (the fast interrupt works), else
 * 'not-isolated' (the Python client stops scripts by restarting the worker). Reads the page's real
 * `crossOriginIsolated`, so it is right even before the service worker has reported.
 */
export function isolationMode(): IsolationMode {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function' ? 'isolated' : 'not-isolated';
}

/** The mode with its reason and a sentence for the UI. */
export function isolationStatus(): IsolationStatus {
  return pwaState().isolation;
}
