import { expect, test, type Page } from '@playwright/test';
import { buildWithVersion, deploy, PWA_PORTS, pwaScreenshot, serveStatic, waitForIsolatedControl, type PwaWindow, type StaticServer } from './pwa-helpers';

/**
 * The update flow with two real builds (PWA_VERSION update-a, then update-b) deployed in turn into the
 * served folder: the new version waits behind an "update ready" prompt; Reload applies it, but only once
 * no answer runs; Later keeps the old version until the prompt is accepted.
 */
const BUILD_A = '/tmp/dist-pwa-update-a';
const BUILD_B = '/tmp/dist-pwa-update-b';
const LIVE = '/tmp/dist-pwa-update-live';
let server: StaticServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  buildWithVersion(BUILD_A, 'update-a');
  buildWithVersion(BUILD_B, 'update-b');
  server = await serveStatic(LIVE, PWA_PORTS.update, '/r1ci/');
});
test.afterAll(async () => { await server?.close(); });

const pwa = (page: Page) => ({
  version: () => page.evaluate(() => (window as unknown as PwaWindow).r1ciPwa.pwaState().version),
  checkForUpdate: () => page.evaluate(() => (window as unknown as PwaWindow).r1ciPwa.checkForUpdate()),
});

async function openVersionA(page: Page): Promise<void> {
  deploy(BUILD_A, LIVE);
  await page.goto(server.url);
  await waitForIsolatedControl(page);
  expect(await pwa(page).version()).toBe('update-a');
  await expect(page.locator('pwa-update-prompt')).not.toContainText('new version');
  deploy(BUILD_B, LIVE);
  await pwa(page).checkForUpdate();
}

test('a new deploy shows "update ready"; Reload waits for the running answer, then reloads into the new version', async ({ page, context }) => {
  await openVersionA(page);
  const prompt = page.locator('pwa-update-prompt');
  await expect(prompt).toContainText('A new version of the app is ready.');
  await pwaScreenshot(page, '03-update-ready');

  // An answer is running: accepting must not reload now.
  await page.evaluate(() => {
    const w = window as unknown as PwaWindow & { busyForTest: boolean; sameDocument: boolean };
    w.busyForTest = true;
    w.sameDocument = true;
    w.r1ciPwa.setBusyProbe(() => w.busyForTest);
  });
  await prompt.getByRole('button', { name: 'Reload' }).click();
  await expect(prompt).toContainText('The update will be applied when the current answer ends.');
  await pwaScreenshot(page, '04-update-deferred');
  await page.waitForTimeout(2500); // more than the idle poll: still no reload
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  expect(await pwa(page).version()).toBe('update-a');

  // The answer ends: the page reloads into the new version, still isolated.
  await page.evaluate(() => {
    const w = window as unknown as PwaWindow & { busyForTest: boolean };
    w.busyForTest = false;
    w.r1ciPwa.notifyIdle();
  });
  await page.waitForFunction(() => (window as unknown as { sameDocument?: boolean }).sameDocument === undefined && 'r1ciPwa' in window);
  await waitForIsolatedControl(page);
  expect(await pwa(page).version()).toBe('update-b');
  await expect(prompt).not.toContainText('new version');

  // The new version's precache serves it offline.
  await context.setOffline(true);
  await page.reload();
  expect(await pwa(page).version()).toBe('update-b');
  await context.setOffline(false);
});

test('Later keeps the running version; the prompt comes back on the next load', async ({ page }) => {
  await openVersionA(page);
  const prompt = page.locator('pwa-update-prompt');
  await expect(prompt).toContainText('A new version of the app is ready.');
  await prompt.getByRole('button', { name: 'Later' }).click();
  await expect(prompt).not.toContainText('new version');
  await page.reload();
  await waitForIsolatedControl(page);
  expect(await pwa(page).version()).toBe('update-a');
  await expect(prompt).toContainText('A new version of the app is ready.');
});
