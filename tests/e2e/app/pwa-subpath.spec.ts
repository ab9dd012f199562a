import { expect, test } from '@playwright/test';
import { expectShellRendered, pwaScreenshot, PWA_PORTS, serveStatic, testedDist, waitForIsolatedControl, type PwaWindow, type StaticServer } from './pwa-helpers';

/**
 * The same dist/ served under a sub-path (/r1ci/, like a GitHub Pages project site) by a server that
 * sets no COOP/COEP: the service worker supplies them, so the second load is cross-origin isolated.
 */
let server: StaticServer;
test.beforeAll(async () => { server = await serveStatic(testedDist(), PWA_PORTS.subPath, '/r1ci/'); });
test.afterAll(async () => { await server?.close(); });

test('under /r1ci/ with no special headers, the service worker isolates the second load, with one reload only', async ({ page, request }) => {
  const direct = await request.get(server.url);
  expect(direct.status()).toBe(200);
  expect(direct.headers()['cross-origin-embedder-policy']).toBeUndefined();
  expect(direct.headers()['cross-origin-opener-policy']).toBeUndefined();

  // Every document load reports, before any app script runs, whether it is isolated and controlled.
  const loads: { isolated: boolean; controlled: boolean; url: string }[] = [];
  await page.exposeFunction('reportLoad', (load: { isolated: boolean; controlled: boolean; url: string }) => loads.push(load));
  await page.addInitScript(() => {
    (window as unknown as { reportLoad(l: unknown): void }).reportLoad({ isolated: crossOriginIsolated, controlled: Boolean(navigator.serviceWorker?.controller), url: location.href });
  });

  await page.goto(server.url + '?demo=none-such');
  await waitForIsolatedControl(page);
  await expectShellRendered(page);
  expect(loads[0]).toMatchObject({ isolated: false, controlled: false });
  expect(loads.at(-1)).toMatchObject({ isolated: true, controlled: true });
  // The reload kept the query (a shared ?demo= link survives it).
  expect(loads.at(-1)!.url).toBe(server.url + '?demo=none-such');
  await page.waitForTimeout(1000);
  expect(loads).toHaveLength(2);

  const facts = await page.evaluate(async () => ({
    scope: (await navigator.serviceWorker.ready).scope,
    sab: typeof SharedArrayBuffer,
    mode: (window as unknown as PwaWindow).r1ciPwa.isolationMode(),
    reason: (window as unknown as PwaWindow).r1ciPwa.pwaState().isolation.reason,
  }));
  expect(facts).toEqual({ scope: server.url, sab: 'function', mode: 'isolated', reason: 'service-worker' });

  // The manifest's relative start URL and scope land on the sub-path.
  const cdp = await page.context().newCDPSession(page);
  const { data } = await cdp.send('Page.getAppManifest');
  const manifest = JSON.parse(data ?? '{}');
  expect(new URL(manifest.start_url, new URL('manifest.webmanifest', server.url)).href).toBe(server.url);
  expect(new URL(manifest.scope, new URL('manifest.webmanifest', server.url)).href).toBe(server.url);
});

test('a later load in the same browser is isolated from the start, with no reload', async ({ page }) => {
  await page.goto(server.url);
  await waitForIsolatedControl(page);
  let navigations = 0;
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations++; });
  await page.goto(server.url);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.waitForTimeout(1000);
  expect(navigations).toBe(1);
});

test.describe('where isolation is impossible', () => {
  test.use({ serviceWorkers: 'block' });

  test('without service workers the app still runs and says which mode it runs in and why', async ({ page }) => {
    await page.goto(server.url);
    await expectShellRendered(page);
    const badge = page.locator('pwa-status-badge span').first();
    await expect(badge).toContainText('Not isolated');
    // A blocked registration is given up after 10 s (Playwright's block leaves it pending forever).
    await expect(badge).not.toHaveAttribute('data-reason', 'first-load', { timeout: 20_000 });
    const reason = await badge.getAttribute('data-reason');
    expect(['no-service-worker', 'service-worker-failed']).toContain(reason);
    await expect(badge).toHaveAttribute('title', /restarts Python/);
    expect(await page.evaluate(() => (window as unknown as PwaWindow).r1ciPwa.isolationMode())).toBe('not-isolated');
    await pwaScreenshot(page, '02-not-isolated-badge');
  });
});
