/**
 * "Is an answer running?": the app tells the PWA layer, which never reloads the page (update, isolation)
 * while it is. The app calls `setBusyProbe(() => sessionIsRunning)` once; `notifyIdle()` when a run ends
 * lets a deferred reload happen at once instead of at the next poll.
 */

let probe: () => boolean = () => false;
const idleWaiters = new Set<() => void>();

/** Registers the app's answer to "is anything running that a reload would lose?". */
export function setBusyProbe(isBusy: () => boolean): void {
  probe = isBusy;
}

/** True while the app is busy. A probe that throws counts as busy: better a late reload than a lost answer. */
export function isAppBusy(): boolean {
  try {
    return probe();
  } catch {
    return true;
  }
}

/** Wakes the waiters of `waitUntilIdle` (they re-check the probe). */
export function notifyIdle(): void {
  for (const wake of [...idleWaiters]) wake();
}

/** Resolves once the app is idle: re-checks on `notifyIdle()` and every `pollMs` as a fallback. */
export function waitUntilIdle(signal?: AbortSignal, pollMs = 1000): Promise<void> {
  if (!isAppBusy()) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const check = (): void => {
      if (signal?.aborted) { done(); reject(signal.reason); return; }
      if (!isAppBusy()) { done(); resolve(); }
    };
    const timer = setInterval(check, pollMs);
    const done = (): void => { clearInterval(timer); idleWaiters.delete(check); signal?.removeEventListener('abort', check); };
    idleWaiters.add(check);
    signal?.addEventListener('abort', check);
  });
}
