import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

/** Screenshots of the main states go here, to be looked at (not compared). */
export const SCREEN_DIR = '/tmp/screens-ui';

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREEN_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREEN_DIR}/${name}.png` });
}

/** Collects uncaught page errors: a hostile text that ran would often show up here too. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Waits until the session in view has ended (its final status line is shown). */
export async function waitForSessionEnd(page: Page, timeout = 90_000): Promise<void> {
  await expect(page.getByTestId('session-status')).toBeVisible({ timeout });
}

/** The model prose shown so far (inside each r1ci-markdown's shadow root, which innerText does not enter). */
export async function streamedText(page: Page): Promise<string> {
  return page.locator('r1ci-session-view r1ci-markdown').evaluateAll((els) => els.map((e) => e.shadowRoot?.textContent ?? '').join('\n'));
}
