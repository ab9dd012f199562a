/**
 * The LLM worker and GPU detection in Chromium with default flags: headless Chromium has no WebGPU
 * adapter here, as on many school laptops. (With --enable-unsafe-webgpu: llm-webgpu.spec.ts.)
 */
import { expect, test } from '@playwright/test';

test.setTimeout(120_000);

test('without an adapter, detection says so plainly on the page and in the worker', async ({ page }) => {
  await page.goto('tests/harness/llm.html');
  for (const where of ['detectOnPage', 'detectInWorker'] as const) {
    const result = await page.evaluate((w) => window.llm[w](), where);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.name).toBe('WebGPUUnavailableError');
    expect(result.message).toContain('found no usable graphics adapter');
    expect(result.message).toContain('https://webgpureport.org/');
  }
});

test('the LLM worker starts and loads web-llm inside it, never on the page', async ({ page }) => {
  await page.goto('tests/harness/llm.html');
  console.log(`LLM worker ready (web-llm imported in the worker) after ${Math.round(await page.evaluate(() => window.llm.timedReady()))} ms`);
  const ready = await page.evaluate(() => window.llm.ready());
  expect(ready.modelLibraryVersion).toBe('v0_2_86/base');
  const pageResources = await page.evaluate(() => window.llm.pageResources());
  expect(pageResources.some((url) => url.includes('web-llm'))).toBe(false);
});

test('loading a model without an adapter fails before any download, and the client stays usable', async ({ page }) => {
  await page.goto('tests/harness/llm.html');
  const failed = await page.evaluate(() =>
    window.llm.load({ modelId: 'x-q4f32_1', weightsUrl: '/tests/fixtures/no-such-model/', modelLibUrl: '/tests/fixtures/no-such.wasm', contextWindow: 4096 }),
  );
  expect(failed).toMatchObject({ ok: false, name: 'WebGPUUnavailableError' });
  expect(await page.evaluate(() => window.llm.cacheUrls('webllm/config'))).toEqual([]);
  expect((await page.evaluate(() => window.llm.ready())).modelLibraryVersion).toBe('v0_2_86/base');
  expect(await page.evaluate(() => window.llm.workerStarts())).toBe(1);
});

test('the engine check page (for machines with a GPU) says plainly why it cannot run here', async ({ page }) => {
  await page.goto('tests/harness/llm-bench.html');
  await expect(page.locator('#out')).toContainText('WebGPUUnavailableError: WebGPU is present but found no usable graphics adapter');
});
