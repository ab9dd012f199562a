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

test('a custom model from any MLC folder URL joins the list, marked not R1-CI; bad URLs are refused in words', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('weights-missing')).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByText('Add a custom model (any MLC folder)').click();
  await page.getByRole('textbox', { name: 'Model folder URL' }).fill('/fixtures/models/tiny-qwen-q4f32_1-MLC/mlc-chat-config.json');
  await page.getByRole('textbox', { name: 'Model library URL (.wasm)' }).fill('/fixtures/models/libs/tiny-qwen-q4f32_1-webgpu.wasm');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'points to the file mlc-chat-config.json' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Model folder URL' }).fill('/fixtures/models/tiny-qwen-q4f32_1-MLC/');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const radio = page.getByRole('radio', { name: /tiny-qwen-q4f32_1-MLC \(custom, not R1-CI\)/ });
  await expect(radio).toBeChecked();
  await expect(page.locator('.model-chip')).toContainText('custom, not R1-CI');
  await screenshot(page, '18-custom-model');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('not-downloaded')).toContainText('tiny-qwen-q4f32_1-MLC (custom, not R1-CI) is not downloaded yet');

  // Remembered across visits, and removable.
  await page.reload();
  await expect(page.locator('.model-chip')).toContainText('custom, not R1-CI');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: /Remove tiny-qwen/ }).click();
  await expect(radio).toHaveCount(0);
  await expect(page.locator('.model-chip')).toContainText('R1-Code-Interpreter-3B (q4f32_1)');
});
