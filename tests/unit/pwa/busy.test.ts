import { afterEach, describe, expect, it } from 'vitest';
import { isAppBusy, notifyIdle, setBusyProbe, waitUntilIdle } from '../../../src/pwa/busy';

afterEach(() => setBusyProbe(() => false));

describe('busy probe', () => {
  it('waits while the app is busy and resumes when told it is idle', async () => {
    let busy = true;
    setBusyProbe(() => busy);
    let resolved = false;
    const waiting = waitUntilIdle(undefined, 60_000).then(() => { resolved = true; });
    notifyIdle();
    await Promise.resolve();
    expect(resolved).toBe(false); // still busy: a wake-up alone does not release it
    busy = false;
    notifyIdle();
    await waiting;
    expect(resolved).toBe(true);
  });

  it('resolves at once when idle', async () => {
    await expect(waitUntilIdle()).resolves.toBeUndefined();
  });

  it('treats a probe that throws as busy', () => {
    setBusyProbe(() => { throw new Error('broken'); });
    expect(isAppBusy()).toBe(true);
  });

  it('stops waiting when aborted', async () => {
    setBusyProbe(() => true);
    const controller = new AbortController();
    const waiting = waitUntilIdle(controller.signal, 60_000);
    controller.abort(new DOMException('stop', 'AbortError'));
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});
