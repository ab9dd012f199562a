/**
 * The LLM worker with --enable-unsafe-webgpu: Chromium then offers SwiftShader, a software adapter
 * without shader-f16. No real model can run here (no weights or model libraries can be downloaded), so
 * loads go as far as the network allows and must fail with the app's own clear errors.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../../playwright.config';

test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] } });
test.setTimeout(120_000);

const FIXTURES = 'tests/fixtures/models';

/** A plain static host (real 404s, unlike Vite's HTML fallback) on another origin, allowing CORS. */
const STATIC_PORT = Number(process.env.LLM_STATIC_PORT ?? 5483);
const STATIC = `http://127.0.0.1:${STATIC_PORT}`;
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  server = spawn('node', ['scripts/serve-static.mjs', '--dir', 'tests/fixtures', '--port', String(STATIC_PORT), '--header', 'Access-Control-Allow-Origin: *'], { stdio: 'ignore' });
  await expect.poll(async () => (await fetch(`${STATIC}/models/libs/tiny-qwen-q4f32_1-webgpu.wasm`).catch(() => null))?.status, { timeout: 10_000 }).toBe(200);
});

test.afterAll(() => {
  server?.kill();
});

test('SwiftShader is found, reported as a software adapter without shader-f16, and q4f32_1 is chosen', async ({ page }) => {
  await page.goto('tests/harness/llm.html');
  const onPage = await page.evaluate(() => window.llm.detectOnPage());
  expect(onPage.ok).toBe(true);
  if (!onPage.ok) return;
  expect(onPage.info.adapter.isFallbackAdapter).toBe(true);
  expect(onPage.info.features).not.toContain('shader-f16');
  expect(onPage.choice.variant).toBe('q4f32_1');
  expect(onPage.fit.verdict).toBe('warn');
  expect(onPage.fit.warnings.join(' ')).toContain('software');
  console.log(`adapter: ${onPage.summary}; maxBufferSize ${onPage.info.limits.maxBufferSize}, maxStorageBufferBindingSize ${onPage.info.limits.maxStorageBufferBindingSize}`);

  const inWorker = await page.evaluate(() => window.llm.detectInWorker());
  expect(inWorker).toMatchObject({ ok: true, choice: { variant: 'q4f32_1' } });
});

test('a model folder that is not there fails with a named error giving its URL; the worker stays usable', async ({ page, baseURL }) => {
  await page.goto('tests/harness/llm.html');
  const failed = await page.evaluate(() =>
    window.llm.load({ modelId: 'gone-q4f32_1', weightsUrl: '/tests/fixtures/models/no-such-model-MLC/', modelLibUrl: '/tests/fixtures/models/libs/tiny-qwen-q4f32_1-webgpu.wasm', contextWindow: 4096 }),
  );
  expect(failed.ok).toBe(false);
  if (failed.ok) return;
  console.log(`missing folder: ${failed.name}: ${failed.message}`);
  expect(failed.name).toBe('ModelFilesNotFoundError');
  expect(failed.message).toContain(`${baseURL}tests/fixtures/models/no-such-model-MLC/`);
  expect(await page.evaluate(() => window.llm.detectInWorker())).toMatchObject({ ok: true });
  expect(await page.evaluate(() => window.llm.workerStarts())).toBe(1);
});

test('a folder on a static host that answers 404 fails with ModelFilesNotFoundError naming HTTP 404', async ({ page }) => {
  await page.goto('tests/harness/llm.html');
  const failed = await page.evaluate(
    (base) => window.llm.load({ modelId: 'gone-q4f32_1', weightsUrl: `${base}/models/no-such-model-MLC/`, modelLibUrl: `${base}/models/libs/tiny-qwen-q4f32_1-webgpu.wasm`, contextWindow: 4096 }),
    STATIC,
  );
  expect(failed).toMatchObject({ ok: false, name: 'ModelFilesNotFoundError' });
  if (failed.ok) return;
  expect(failed.message).toContain(`${STATIC}/models/no-such-model-MLC/ (HTTP 404 for mlc-chat-config.json; download the model first)`);
});

test('a model library that answers 404 fails with ModelFilesNotFoundError naming the library', async ({ page }) => {
  await page.goto('tests/harness/llm.html');
  const weightsUrl = `${STATIC}/models/tiny-qwen-q4f32_1-MLC/`;
  await page.evaluate(([w, from]) => window.llm.cacheChatConfig(w, from), [weightsUrl, `${weightsUrl}mlc-chat-config.json`]);
  const failed = await page.evaluate(
    (r) => window.llm.load(r),
    { modelId: 'tiny-qwen-q4f32_1-MLC', weightsUrl, modelLibUrl: `${STATIC}/models/libs/no-such-library.wasm`, contextWindow: 4096 },
  );
  expect(failed).toMatchObject({ ok: false, name: 'ModelFilesNotFoundError' });
  if (failed.ok) return;
  expect(failed.message).toContain(`${STATIC}/models/libs/no-such-library.wasm (HTTP 404 for the model library)`);
});

test('a model library that is not one fails with ModelLibraryError after web-llm read its caches; a retry gives the same', async ({ page, baseURL }) => {
  await page.goto('tests/harness/llm.html');
  const weightsUrl = `${baseURL}${FIXTURES}/tiny-qwen-q4f32_1-MLC/`;
  const modelLibUrl = `${baseURL}${FIXTURES}/libs/tiny-qwen-q4f32_1-webgpu.wasm`;
  // What the app's downloader does: the chat config lands where web-llm reads it.
  await page.evaluate(([w, from]) => window.llm.cacheChatConfig(w, from), [weightsUrl, `${weightsUrl}mlc-chat-config.json`]);
  const request = { modelId: 'tiny-qwen-q4f32_1-MLC', weightsUrl, modelLibUrl, contextWindow: 4096 };
  for (let attempt = 0; attempt < 2; attempt++) {
    const failed = await page.evaluate((r) => window.llm.load(r), request);
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    if (attempt === 0) console.log(`bad library: ${failed.name}: ${failed.message}`);
    expect(failed.name).toBe('ModelLibraryError');
    expect(failed.message).toContain(modelLibUrl);
    expect(failed.message).toMatch(/WebAssembly|magic/);
  }
  // web-llm fetched the library through its own Cache API scope, keyed by the URL as given.
  expect(await page.evaluate(() => window.llm.cacheUrls('webllm/wasm'))).toContain(modelLibUrl);
  expect(await page.evaluate(() => window.llm.workerStarts())).toBe(1);
  expect((await page.evaluate(() => window.llm.ready())).modelLibraryVersion).toBe('v0_2_86/base');
});

test('the engine check page finds SwiftShader and asks for a model', async ({ page }) => {
  await page.goto('tests/harness/llm-bench.html');
  await expect(page.locator('#out')).toContainText('GPU: google swiftshader (software), no shader-f16');
  await expect(page.locator('#out')).toContainText('No model given');
});
