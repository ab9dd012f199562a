import { expect, test, type Page } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectShellRendered, PWA_PORTS, pwaScreenshot, serveStatic, waitForIsolatedControl, type StaticServer } from './pwa-helpers';

/**
 * After one visit the app works with the network off: a reload, a new tab, a shared ?demo= link. Python
 * packages fetched once (or ahead of time with "make available offline") load offline; one never
 * fetched fails at once with a network error. A model whose caches the browser evicted shows as not
 * downloaded, without a crash.
 */

test('after one visit, a reload, a new tab and Python work offline, isolated', async ({ page, context }) => {
  await page.goto('./');
  await waitForIsolatedControl(page);
  await context.setOffline(true);
  try {
    await page.reload();
    await expectShellRendered(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

    // A shared demo link opened offline in a new tab: its Python really runs (Pyodide from the precache).
    const tab = await context.newPage();
    await tab.goto('./?demo=game24');
    await expectShellRendered(tab);
    expect(await tab.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(tab.locator('pwa-status-badge')).toContainText('Offline');
    const cell = tab.locator('r1ci-code-cell').first();
    await expect(cell.getByLabel('Python output')).toContainText('((1+2)*(2+6))', { timeout: 90_000 });
    await expect(tab.getByTestId('answer')).toHaveText('((1+2)*(2+6))', { timeout: 60_000 });
    await pwaScreenshot(tab, '05-offline-new-tab-python');
  } finally {
    await context.setOffline(false);
  }
});

/** A stand-in for the Pyodide package CDN: another origin (port), with CORS, serving a lockfile and wheels. */
function fakePackageIndex(): { dir: string; files: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'r1ci-fake-pyodide-'));
  const packages: Record<string, unknown> = {};
  const files: Record<string, string> = {};
  const add = (name: string, depends: string[]): void => {
    const file = `${name}-1.0-py3-none-any.whl`;
    const bytes = randomBytes(20_000 + name.length * 1000);
    writeFileSync(join(dir, file), bytes);
    files[name] = file;
    packages[name] = { name, version: '1.0', file_name: file, depends, imports: [name], sha256: createHash('sha256').update(bytes).digest('hex'), install_dir: 'site', package_type: 'package' };
  };
  add('numpy', []);
  add('mpmath', []);
  add('sympy', ['mpmath']);
  add('networkx', ['numpy']);
  add('scipy', ['numpy']);
  add('pandas', ['numpy']);
  writeFileSync(join(dir, 'pyodide-lock.json'), JSON.stringify({ info: { python: '3.14' }, packages }));
  return { dir, files };
}

async function fetchStatus(page: Page, url: string): Promise<string> {
  return page.evaluate(async (u) => {
    try {
      const response = await fetch(u);
      return `${response.status} ${(await response.arrayBuffer()).byteLength}`;
    } catch (err) {
      return (err as Error).name;
    }
  }, url);
}

test('Python packages: made available offline ahead of time or kept once fetched; never fetched fails at once offline', async ({ page, context }) => {
  const index = fakePackageIndex();
  let cdn: StaticServer | undefined = await serveStatic(index.dir, PWA_PORTS.python, '/pyodide/', ['--header', 'Access-Control-Allow-Origin: *']);
  try {
    await page.goto('./');
    await waitForIsolatedControl(page);
    const base = cdn.url;
    await page.evaluate(([lockUrl, packageBaseUrl]) => {
      const element = document.createElement('pwa-offline-packages');
      element.setAttribute('lock-url', lockUrl);
      element.setAttribute('package-base-url', packageBaseUrl);
      element.style.cssText = 'position:fixed;left:1rem;bottom:5rem;background:white;padding:0.5rem;z-index:10;width:30rem';
      document.body.append(element);
    }, [base + 'pyodide-lock.json', base]);
    const panel = page.locator('pwa-offline-packages');
    await expect(panel.getByRole('checkbox', { name: 'numpy' })).toBeChecked();
    await expect(panel.getByRole('checkbox', { name: 'sympy' })).toBeChecked();
    await panel.getByRole('button', { name: 'Make available offline' }).click();
    await expect(panel).toContainText('3 package(s) with dependencies available offline.');
    await expect(panel.getByText('(kept offline)')).toHaveCount(3); // numpy, sympy, mpmath
    await pwaScreenshot(page, '06-offline-packages');

    // Fetched once while online (as Pyodide's loadPackage does): the service worker keeps it.
    expect(await fetchStatus(page, base + index.files.scipy)).toMatch(/^200 /);

    // The network goes away: the package server is gone too.
    await cdn.close();
    cdn = undefined;
    await context.setOffline(true);
    expect(await fetchStatus(page, base + index.files.numpy)).toMatch(/^200 \d+/);
    expect(await fetchStatus(page, base + index.files.mpmath)).toMatch(/^200 /);
    expect(await fetchStatus(page, base + index.files.scipy)).toMatch(/^200 /);
    // Never fetched: a prompt network error, not a hang.
    expect(await fetchStatus(page, base + index.files.networkx)).toBe('TypeError');
    await page.reload();
    expect(await fetchStatus(page, base + index.files.sympy)).toMatch(/^200 /);
    expect(await fetchStatus(page, base + 'pyodide-lock.json')).toMatch(/^200 /);

    // Deleting the packages (storage panel) leaves the offline package unavailable.
    await page.locator('r1ci-app').getByRole('button', { name: 'Settings' }).click();
    const storage = page.locator('pwa-storage-panel');
    // numpy, mpmath, sympy (ahead of time), scipy (kept when fetched) and the lockfile the panel read.
    await expect(storage).toContainText('Python packages kept offline: 5 file(s)');
    await storage.getByRole('button', { name: 'Delete packages' }).click();
    await expect(storage).toContainText('Python packages kept offline: 0 file(s)');
    expect(await fetchStatus(page, base + index.files.numpy)).toBe('TypeError');
  } finally {
    await context.setOffline(false);
    await cdn?.close();
  }
});

test('a model evicted by the browser shows as not downloaded, never a crash', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await waitForIsolatedControl(page);
  await page.locator('r1ci-app').getByRole('button', { name: 'Settings' }).click();
  const storage = page.locator('pwa-storage-panel');
  const model = await storage.evaluate((el) => (el as unknown as { models: { id: string; weightsUrl: string; modelLibUrl: string }[] }).models.find((m) => m.id.includes('q4f32_1'))!);
  expect(model).toBeTruthy();

  await cacheTinyModel(page, model);
  const row = storage.locator(`li[data-model="${model.id}"]`);
  const refresh = () => storage.evaluate((el) => (el as unknown as { refresh(): void }).refresh());
  await refresh();
  await expect(row.locator('.state')).toHaveText('Downloaded');
  await row.scrollIntoViewIfNeeded();
  await pwaScreenshot(page, '07-storage-panel');

  // The browser evicts the weights (a cache vanishes): partly downloaded, never "Downloaded".
  await page.evaluate(() => caches.delete('webllm/model'));
  await refresh();
  await expect(row.locator('.state')).toHaveText('Partly downloaded');
  // Everything evicted: not downloaded.
  await page.evaluate(async () => { await caches.delete('webllm/config'); await caches.delete('webllm/wasm'); });
  await refresh();
  await expect(row.locator('.state')).toHaveText('Not downloaded');
  await expect(storage).toContainText('Used');
  expect(errors).toEqual([]);
});

test('model libraries web-llm would fetch from the network (localhost, same-origin, GitHub) are served offline from its cache', async ({ page, context, baseURL }) => {
  await page.goto('./');
  await waitForIsolatedControl(page);
  const port = new URL(baseURL!).port;
  const libraries = [
    new URL('models/libs/Qwen2.5-3B-Instruct-q4f32_1_cs1k-webgpu.wasm', baseURL).href, // beside the app, not on the server
    `http://localhost:${port}/libs/Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm`, // web-llm never caches a localhost library
    'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/Qwen2-1.5B-Instruct-q4f32_1_cs1k-webgpu.wasm',
  ];
  // Stored as the app's downloader stores them: web-llm's `webllm/wasm` scope, keyed by URL.
  await page.evaluate(async (urls) => {
    const cache = await caches.open('webllm/wasm');
    for (const [i, url] of urls.entries()) await cache.put(url, new Response(new Uint8Array(1000 + i), { headers: { 'content-type': 'application/wasm' } }));
  }, libraries);
  await context.setOffline(true);
  try {
    // web-llm fetches from its worker: a dedicated worker of a controlled page goes through the service worker too.
    const sizes = await page.evaluate(async (urls) => {
      const source = `onmessage = async (e) => { const out = []; for (const u of e.data) { try { const r = await fetch(u); out.push((await r.arrayBuffer()).byteLength); } catch (err) { out.push(err.name); } } postMessage(out); };`;
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      const result = await new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); worker.postMessage(urls); });
      worker.terminate();
      return result;
    }, libraries);
    expect(sizes).toEqual([1000, 1001, 1002]);
  } finally {
    await context.setOffline(false);
  }
});

type Located = { id: string; weightsUrl: string; modelLibUrl: string };

/** Puts a complete (tiny) model into web-llm's caches exactly where the app's downloader writes it. */
async function cacheTinyModel(page: Page, model: Located): Promise<void> {
  await page.evaluate(async (m) => {
    const base = (m.weightsUrl.endsWith('/') ? m.weightsUrl : m.weightsUrl + '/') + 'resolve/main/';
    const json = (v: unknown) => new Response(JSON.stringify(v), { headers: { 'content-type': 'application/json' } });
    await (await caches.open('webllm/config')).put(base + 'mlc-chat-config.json', json({ tokenizer_files: ['tokenizer.json'] }));
    const weights = await caches.open('webllm/model');
    await weights.put(base + 'tokenizer.json', json({ model: {} }));
    await weights.put(base + 'tensor-cache.json', json({ records: [{ dataPath: 'params_shard_0.bin', nbytes: 4096, records: [] }] }));
    await weights.put(base + 'params_shard_0.bin', new Response(new Uint8Array(4096), { headers: { 'content-length': '4096' } }));
    await (await caches.open('webllm/wasm')).put(m.modelLibUrl, new Response(new Uint8Array(1024), { headers: { 'content-type': 'application/wasm' } }));
  }, model);
}

/** The catalog entries the storage panel lists (with their file locations). */
async function catalogModels(page: Page): Promise<Located[]> {
  return page.locator('pwa-storage-panel').evaluate((el) => (el as unknown as { models: Located[] }).models);
}

test('offline, the model picker offers only fully cached models (and the current choice)', async ({ page, context }) => {
  await page.goto('./');
  await waitForIsolatedControl(page);
  await page.locator('r1ci-app').getByRole('button', { name: 'Settings' }).click();
  const models = await catalogModels(page);
  const cached = models.find((m) => m.id.includes('R1-Code-Interpreter-3B-q4f32_1'))!;
  await cacheTinyModel(page, cached);
  const picker = page.locator('r1ci-settings-panel').getByRole('radio');
  await expect(picker).toHaveCount(models.length);
  await context.setOffline(true);
  try {
    const names = page.locator('r1ci-settings-panel label.model');
    await expect(names).toHaveCount(2); // the cached model and the current choice (R1-CI q4f16_1 by default)
    await expect(names.filter({ hasText: 'R1-Code-Interpreter-3B (q4f32_1)' })).toHaveCount(1);
    await expect(names.filter({ hasText: 'Qwen2.5' })).toHaveCount(0);
    await pwaScreenshot(page, '09-offline-model-picker');
  } finally {
    await context.setOffline(false);
  }
  await expect(picker).toHaveCount(models.length);
});
