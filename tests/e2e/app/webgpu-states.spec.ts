import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../../playwright.config';
import { screenshot } from './helpers';

// With --enable-unsafe-webgpu headless Chromium offers SwiftShader's CPU adapter: WebGPU, no shader-f16.
test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] } });

test('R1-CI weights not hosted: the app says so, says how, and offers the stock fallbacks marked not R1-CI', async ({ page }) => {
  await page.goto('./');
  const panel = page.getByTestId('weights-missing');
  await expect(panel).toBeVisible();
  // No shader-f16 on this adapter: the q4f32_1 variant is the one chosen.
  await expect(page.locator('.model-chip')).toContainText('R1-Code-Interpreter-3B (q4f32_1)');
  await expect(panel).toContainText('models/R1-Code-Interpreter-3B-q4f32_1-MLC/');
  await expect(panel).toContainText('models/README.md');
  await expect(panel).toContainText('These are not R1-CI');
  await screenshot(page, '10-weights-missing');

  await panel.getByRole('button', { name: /Use Qwen2.5-1.5B/ }).click();
  await expect(page.locator('.model-chip')).toContainText('not R1-CI');
  await expect(page.getByTestId('not-downloaded')).toBeVisible();
  await expect(page.getByTestId('not-downloaded').getByRole('button', { name: 'Download' })).toBeVisible();
  await screenshot(page, '11-not-downloaded');
  // The settings list offers only what this adapter can run (no q4f16_1 without shader-f16).
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('radio', { name: /q4f16_1/ })).toHaveCount(0);
  await expect(page.getByRole('radio', { name: /Qwen2.5-1.5B/ })).toBeChecked();
});
