import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../../../playwright.config';
import { expectShellRendered, pwaScreenshot, waitForIsolatedControl } from './pwa-helpers';

/**
 * Install criteria, checked the way Chromium checks them: a persistent profile (installability is
 * never offered in an incognito context, which Playwright's contexts are), the manifest linked, the
 * service worker controlling the page, the icons loading. The banner-engagement heuristic is bypassed so
 * `beforeinstallprompt` fires and the app's Install button can be seen.
 */
test('the app meets the install criteria and offers an Install button', async ({ baseURL }) => {
  const profile = mkdtempSync(join(tmpdir(), 'r1ci-pwa-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--bypass-app-banner-engagement-checks'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(baseURL!);
    await waitForIsolatedControl(page);
    await expectShellRendered(page);

    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifestHref).toBe('./manifest.webmanifest');

    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toBe(new URL('manifest.webmanifest', baseURL).href);
    await expect.poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);

    // Every manifest icon loads and decodes at its stated size.
    const icons = await page.evaluate(async () => {
      const manifest = await (await fetch('./manifest.webmanifest')).json() as { icons: { src: string; sizes: string }[] };
      return Promise.all(manifest.icons.map(async (icon) => {
        const response = await fetch(new URL(icon.src, new URL('./manifest.webmanifest', location.href)));
        const bitmap = await createImageBitmap(await response.blob());
        return { sizes: icon.sizes, status: response.status, decoded: `${bitmap.width}x${bitmap.height}` };
      }));
    });
    expect(icons.length).toBe(3);
    for (const icon of icons) expect(icon).toMatchObject({ status: 200, decoded: icon.sizes });

    const install = page.locator('pwa-install-button').getByRole('button', { name: 'Install app' });
    await expect(install).toBeVisible();
    await pwaScreenshot(page, '01-install-button');
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the mode badge says the app is isolated once the service worker controls it', async ({ page }) => {
  await page.goto('./');
  await waitForIsolatedControl(page);
  const badge = page.locator('pwa-status-badge');
  await expect(badge).toContainText('Isolated');
  await expect(badge.locator('span').first()).toHaveAttribute('data-reason', 'service-worker');
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
});
