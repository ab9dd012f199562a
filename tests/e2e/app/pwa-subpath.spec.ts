import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectShellRendered, pwaScreenshot, PWA_PORTS, serveStatic, testedDist, waitForIsolatedControl, type PwaWindow, type StaticServer } from './pwa-helpers';

/**
 * The same dist/ served under a sub-path (/r1ci/, like a GitHub Pages project site) by a server that
 * sets no COOP/COEP: the service worker supplies them, so the second load is cross-origin isolated.
 */
let server: StaticServer;
/** A replay whose first script never ends, on the same origin (a teacher's shared ?replay= file). */
const RUNAWAY = { question: 'Loop forever, then answer.', rounds: ['I will loop.\n```python\nprint("looping now", flush=True)\nwhile True:\n    pass\n```\n', 'Stopped. <<<1>>>'] };
/** A replay whose script imports a package that was never fetched. */
const IMPORT_NUMPY = { question: 'Use numpy.', rounds: ['```python\nimport numpy\nprint(numpy.ones(3).sum())\n```\n', '<<<3>>>'] };
test.beforeAll(async () => {
  const fixtures = mkdtempSync(join(tmpdir(), 'r1ci-pwa-replays-'));
  writeFileSync(join(fixtures, 'runaway.json'), JSON.stringify(RUNAWAY));
  writeFileSync(join(fixtures, 'numpy.json'), JSON.stringify(IMPORT_NUMPY));
  server = await serveStatic(testedDist(), PWA_PORTS.subPath, '/r1ci/', ['--mount', `/r1ci-replays=${fixtures}`]);
});
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

/**
 * Python workers the page starts: an interrupt keeps the one it has, a restart starts another. The
 * Python worker runs in the sandbox frame (opaque origin) from handed-over source, so its URL is
 * `blob:null/...`; a Python worker loaded from the site (before the sandbox) is told by its content.
 */
function countPythonWorkers(page: Page): () => number {
  let count = 0;
  page.on('worker', (worker) => {
    const url = worker.url();
    if (url.startsWith('blob:null/')) { count++; return; }
    if (!url.startsWith('http')) return;
    const file = join(testedDist(), new URL(url).pathname.replace(/^\/r1ci\//, ''));
    if (existsSync(file) && readFileSync(file, 'utf8').includes('pyodide.mjs')) count++;
  });
  return () => count;
}

/** Plays the runaway replay, stops it, then plays a demo whose Python must run; returns the Python workers started. */
async function stopRunawayThenRunDemo(page: Page): Promise<number> {
  const pythonWorkers = countPythonWorkers(page);
  await page.goto(server.url + '?replay=/r1ci-replays/runaway.json');
  const cell = page.locator('r1ci-code-cell').first();
  // Stop only once the script is really inside its loop (Pyodide loaded, first line printed).
  await expect(cell.getByLabel('Python output')).toContainText('looping now', { timeout: 60_000 });
  await page.waitForTimeout(300);
  await page.getByTestId('stop').click();
  await expect(cell).toContainText('stopped');
  await expect(page.getByTestId('session-status')).toHaveText('Stopped by the user.');

  // The next script runs in the same worker: no new Python worker was started.
  await page.locator('r1ci-app').getByRole('button', { name: /Game of 24/ }).first().click();
  await expect(page.locator('r1ci-code-cell').first().getByLabel('Python output')).toContainText('((1+2)*(2+6))', { timeout: 60_000 });
  return pythonWorkers();
}

test('isolated by the service worker, a runaway script is stopped by the interrupt and the same worker runs the next script', async ({ page }) => {
  await page.goto(server.url);
  await waitForIsolatedControl(page);
  expect(await stopRunawayThenRunDemo(page)).toBe(1);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test.describe('without isolation', () => {
  test.use({ serviceWorkers: 'block' });

  test('a runaway script is stopped by replacing the Python worker', async ({ page }) => {
    expect(await stopRunawayThenRunDemo(page)).toBe(2);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  });
});

test('offline, a package never fetched fails at once with ModuleNotFoundError naming why; the session goes on', async ({ page, context }) => {
  await page.goto(server.url);
  await waitForIsolatedControl(page);
  // The replay file is outside the app's folder (not precached): fetch it once online, then hand the
  // same bytes to the page while offline, as a teacher's shared link would have been opened before.
  const replay = await (await page.request.get(server.url.replace('/r1ci/', '/r1ci-replays/numpy.json'))).text();
  await context.route('**/r1ci-replays/numpy.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: replay }));
  await context.setOffline(true);
  try {
    await page.goto(server.url + '?replay=/r1ci-replays/numpy.json');
    const cell = page.locator('r1ci-code-cell').first();
    await expect(cell.getByLabel('Python output')).toContainText('ModuleNotFoundError', { timeout: 60_000 });
    await expect(cell.getByLabel('Python output')).toContainText('numpy');
    await pwaScreenshot(page, '08-offline-module-not-found');
    await expect(page.getByTestId('session-status')).toBeVisible({ timeout: 60_000 });
  } finally {
    await context.setOffline(false);
  }
});
