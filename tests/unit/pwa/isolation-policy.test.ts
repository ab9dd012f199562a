import { describe, expect, it } from 'vitest';
import { describeIsolation, shouldReloadForIsolation, type IsolationFacts } from '../../../src/pwa/isolation-policy';

const base: IsolationFacts = {
  crossOriginIsolated: false, controlled: false, serviceWorkerSupported: true, secureContext: true,
  registrationFailed: false, reloadAttempted: false,
};

describe('isolation mode and reason', () => {
  it('is isolated by the service worker when a controlled page is isolated', () => {
    expect(describeIsolation({ ...base, crossOriginIsolated: true, controlled: true })).toMatchObject({ mode: 'isolated', reason: 'service-worker' });
  });

  it('is isolated by the server when isolated without a service worker (the isolated dev harness too)', () => {
    expect(describeIsolation({ ...base, crossOriginIsolated: true })).toMatchObject({ mode: 'isolated', reason: 'server-headers' });
    expect(describeIsolation({ ...base, crossOriginIsolated: true, development: true })).toMatchObject({ mode: 'isolated', reason: 'server-headers' });
  });

  it('names why it is not isolated, and says what a stop costs', () => {
    const cases: [Partial<IsolationFacts>, string][] = [
      [{ secureContext: false }, 'insecure-context'],
      [{ serviceWorkerSupported: false }, 'no-service-worker'],
      [{ registrationFailed: true }, 'service-worker-failed'],
      [{ reloadDeferred: true }, 'reload-deferred'],
      [{ controlled: true, reloadAttempted: true }, 'headers-not-applied'],
      [{}, 'first-load'],
      [{ development: true, controlled: true }, 'development'],
    ];
    for (const [facts, reason] of cases) {
      const status = describeIsolation({ ...base, ...facts });
      expect(status.mode).toBe('not-isolated');
      expect(status.reason).toBe(reason);
      expect(status.message).toMatch(/restarts Python/);
    }
  });
});

describe('reload to gain isolation', () => {
  const ready = { ...base, serviceWorkerReady: true, busy: false, guardAvailable: true };

  it('reloads once the worker is ready, on a page not yet isolated', () => {
    expect(shouldReloadForIsolation(ready)).toBe(true);
  });

  it('never reloads twice in a tab (a browser ignoring the headers would loop)', () => {
    expect(shouldReloadForIsolation({ ...ready, reloadAttempted: true })).toBe(false);
  });

  it('never reloads while an answer runs', () => {
    expect(shouldReloadForIsolation({ ...ready, busy: true })).toBe(false);
  });

  it('never reloads without a way to remember it did (sessionStorage blocked)', () => {
    expect(shouldReloadForIsolation({ ...ready, guardAvailable: false })).toBe(false);
  });

  it('does not reload an isolated page or before the worker is ready', () => {
    expect(shouldReloadForIsolation({ ...ready, crossOriginIsolated: true })).toBe(false);
    expect(shouldReloadForIsolation({ ...ready, serviceWorkerReady: false })).toBe(false);
  });
});
