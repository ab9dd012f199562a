import { expect, test } from '@playwright/test';
import { screenshot, watchErrors } from './helpers';

// Default flags: Chromium headless has no WebGPU adapter here.
test('without WebGPU the app says so, links a WebGPU report and offers the recorded demos', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const panel = page.getByTestId('no-webgpu');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('WebGPU is not available here');
  await expect(panel.getByRole('link', { name: 'webgpureport.org' })).toHaveAttribute('href', 'https://webgpureport.org/');
  // The question box says why it cannot be used; the demos can.
  await expect(page.getByRole('textbox', { name: 'Question' })).toHaveAttribute('placeholder', /cannot run the model: play a recorded demo/);
  const demo = page.getByRole('button', { name: /Play the recorded demo: Game of 24/ }).first();
  await expect(demo).toBeVisible();
  await screenshot(page, '01-no-webgpu');

  await demo.click();
  await expect(page.getByTestId('recording-badge')).toBeVisible();
  await expect(page.getByTestId('question')).toContainText('24');
  expect(errors).toEqual([]);
});

test('a narrow screen keeps the question box and puts the lists in a drawer', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto('./');
  await expect(page.getByTestId('no-webgpu')).toBeVisible();
  const toggle = page.getByRole('button', { name: 'Conversations and demos' });
  await expect(toggle).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Question' })).toBeInViewport();
  await screenshot(page, '02-narrow');
  await toggle.click();
  await expect(page.getByRole('navigation', { name: 'Conversations and demos' }).getByRole('button', { name: 'New question' })).toBeInViewport();
  await screenshot(page, '03-narrow-drawer');
});

test('settings show the protocol defaults and keep changes across reloads', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Settings' }).click();
  const temperature = page.getByRole('spinbutton', { name: 'Temperature' });
  await expect(temperature).toHaveValue('0.6');
  await expect(page.getByRole('spinbutton', { name: 'Token budget (tokens)' })).toHaveValue('4096');
  await expect(page.getByRole('spinbutton', { name: 'Code-call cap (runs)' })).toHaveValue('8');
  await expect(page.getByRole('spinbutton', { name: 'Time limit per script (s)' })).toHaveValue('60');
  await expect(page.getByText('not R1-CI').first()).toBeVisible();
  await screenshot(page, '04-settings');
  await page.getByRole('spinbutton', { name: 'Code-call cap (runs)' }).fill('3');
  await page.getByRole('spinbutton', { name: 'Code-call cap (runs)' }).press('Tab');
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('spinbutton', { name: 'Code-call cap (runs)' })).toHaveValue('3');
  await page.getByRole('button', { name: 'Reset to protocol defaults' }).click();
  await expect(page.getByRole('spinbutton', { name: 'Code-call cap (runs)' })).toHaveValue('8');
});
