/**
 * The sandbox in the built app: a recording whose scripts try to reach the app's storage and the
 * network, tamper with the next script and exhaust memory. The scripts run in the sandboxed frame,
 * nothing leaves it, and afterwards the app still answers a demo with Python.
 */
import { expect, test } from '@playwright/test';
import { waitForSessionEnd } from './helpers';

test('hostile scripts in a recording reach nothing; the app answers the next demo', async ({ page, context }) => {
  const canaryRequests: string[] = [];
  context.on('request', (request) => {
    if (request.url().includes('canary')) canaryRequests.push(request.url());
  });
  await page.addInitScript(() => localStorage.setItem('r1ci-canary', 'S3CRET-CANARY-7f1c'));
  await page.goto('./?replay=/fixtures/redteam/app-escape.json');
  await waitForSessionEnd(page);
  await expect(page.getByTestId('session-status')).toHaveText('Answered.');
  const cells = page.locator('r1ci-code-cell');
  await expect(cells).toHaveCount(4);
  const output = (index: number) => cells.nth(index).getByLabel('Python output');
  for (const name of ['localStorage', 'indexedDB', 'caches', 'document', 'parent', 'fetch', 'XMLHttpRequest']) {
    await expect(output(0)).toContainText(`${name} absent`);
  }
  await expect(output(1)).toContainText('network refused');
  await expect(output(1)).toContainText('run_js refused');
  await expect(output(2)).toContainText('MemoryError');
  await expect(output(3)).toContainText('still here 3');
  // The app's own data is where it was, and the Python ran in a frame with an opaque origin.
  expect(await page.evaluate(() => localStorage.getItem('r1ci-canary'))).toBe('S3CRET-CANARY-7f1c');
  await expect(page.getByTestId('rounds')).not.toContainText('S3CRET');
  expect(await page.locator('iframe[sandbox="allow-scripts"]').count()).toBe(1);
  expect(canaryRequests).toEqual([]);

  await page.getByRole('button', { name: /Play the recorded demo: A new operator/ }).first().click();
  await waitForSessionEnd(page);
  await expect(page.getByTestId('session-status')).toHaveText('Answered.');
  await expect(page.locator('r1ci-code-cell').first()).toContainText('ran');
});
