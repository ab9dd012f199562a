/**
 * The app-owned model download in real Chromium with the real Cache API, against fixture model folders
 * served by our own static server (cross-origin, like Hugging Face or a school server). Requests are
 * counted from the page, so "not fetched again" is checked, not assumed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const PLAIN_PORT = Number(process.env.DOWNLOAD_FIXTURE_PORT ?? 5583);
const SLOW_PORT = PLAIN_PORT + 1;
const TINY = 'tiny-qwen-q4f32_1-MLC';
const FIXTURES = 'tests/fixtures/models';
const LIB = 'tiny-qwen-q4f32_1-webgpu.wasm';

/** Starts scripts/serve-static.mjs on `port` serving tests/fixtures with CORS open; resolves once listening. */
function serveFixtures(port: number, throttle = 0): Promise<ChildProcess> {
  const args = ['scripts/serve-static.mjs', '--dir', 'tests/fixtures', '--port', String(port), '--header', 'Access-Control-Allow-Origin: *'];
  if (throttle) args.push('--throttle', String(throttle));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('serving')) resolve(child); });
    child.on('exit', (code) => reject(new Error(`fixture server on ${port} exited with ${code}`)));
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => { child.once('exit', () => resolve()); child.kill(); });
}

/** File names the page requested from the fixture server on `port`, in order. */
function recordRequests(page: Page, port: number): string[] {
  const seen: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.port === String(port)) seen.push(url.pathname.split('/').pop()!);
  });
  return seen;
}

const tinyBytes = readdirSync(join(FIXTURES, TINY)).reduce((sum, f) => sum + statSync(join(FIXTURES, TINY, f)).size, 0)
  + statSync(join(FIXTURES, 'libs', LIB)).size;
const SHARDS = Array.from({ length: 6 }, (_, i) => `params_shard_${i}.bin`);
const ALL_FILES = ['mlc-chat-config.json', 'tensor-cache.json', 'tokenizer.json', ...SHARDS, LIB];

let plainServer: ChildProcess;
test.beforeAll(async () => { plainServer = await serveFixtures(PLAIN_PORT); });
test.afterAll(async () => { await stop(plainServer); });

test.beforeEach(async ({ page }) => {
  // No Vite HMR client: another engineer saving index.html (or a config) would reload the page mid-test.
  await page.route('**/@vite/client', (route) => route.fulfill({ contentType: 'text/javascript', body: 'export {}' }));
  await page.goto('tests/harness/download.html');
  await expect(page).toHaveTitle(/ready/);
});

test('downloads every file into web-llm\'s caches with progress, and web-llm finds the model there', async ({ page }) => {
  const requests = recordRequests(page, PLAIN_PORT);
  const result = await page.evaluate(([f, p]) => window.dl.download(f, p), [TINY, PLAIN_PORT] as const);
  expect(result.error).toBeUndefined();
  expect(result.summary).toMatchObject({ filesFetched: 10, filesSkipped: 0, bytesFetched: tinyBytes });
  expect(requests.sort()).toEqual([...ALL_FILES].sort());

  const { events } = result;
  expect(events[0].phase).toBe('checking');
  expect(events.at(-1)).toMatchObject({ phase: 'done', percent: 100, bytesDone: tinyBytes, bytesTotal: tinyBytes, filesDone: 10, filesTotal: 10 });
  const done = events.map((e) => e.bytesDone);
  expect(done).toEqual([...done].sort((a, b) => a - b));

  const base = `http://127.0.0.1:${PLAIN_PORT}/models/${TINY}/resolve/main/`;
  expect(await page.evaluate(() => window.dl.keys())).toEqual([
    `webllm/config ${base}mlc-chat-config.json`,
    ...[...SHARDS, 'tensor-cache.json', 'tokenizer.json'].map((f) => `webllm/model ${base}${f}`),
    `webllm/wasm http://127.0.0.1:${PLAIN_PORT}/models/libs/${LIB}`,
  ].sort());

  // web-llm itself: its cache check finds every shard; its loader takes the config and the library from
  // the cache (no request) and fails only where the stand-in library cannot be instantiated.
  requests.length = 0;
  const webllm = await page.evaluate(([f, p]) => window.dl.webllm(f, p), [TINY, PLAIN_PORT] as const);
  expect(webllm.has).toBe(true);
  expect(webllm.reloadError).toMatchObject({ name: 'CompileError', message: expect.stringMatching(/expected magic word/) });
  expect(requests).toEqual([]);
});

test('a downloaded model is still ready after a reload, read from the caches alone', async ({ page }) => {
  await page.evaluate(([f, p]) => window.dl.download(f, p), [TINY, PLAIN_PORT] as const);
  await page.reload();
  await expect(page).toHaveTitle(/ready/);
  const requests = recordRequests(page, PLAIN_PORT);
  const report = await page.evaluate(([f, p]) => window.dl.inspect(f, p), [TINY, PLAIN_PORT] as const);
  expect(report).toMatchObject({ state: 'ready', bytesCached: tinyBytes, bytesTotal: tinyBytes, filesCached: 10, missing: [] });
  expect(requests).toEqual([]);
});

test('delete removes every entry of the model from all three caches', async ({ page }) => {
  await page.evaluate(([f, p]) => window.dl.download(f, p), [TINY, PLAIN_PORT] as const);
  expect(await page.evaluate(([f, p]) => window.dl.remove(f, p), [TINY, PLAIN_PORT] as const)).toBe(10);
  expect(await page.evaluate(() => window.dl.keys())).toEqual([]);
  expect(await page.evaluate(([f, p]) => window.dl.inspect(f, p), [TINY, PLAIN_PORT] as const)).toMatchObject({ state: 'absent', bytesCached: 0 });
  expect((await page.evaluate(([f, p]) => window.dl.webllm(f, p), [TINY, PLAIN_PORT] as const)).has).toBe(false);
});

test('web-llm\'s own delete finds the entries under the same keys (only its manifest is left, as web-llm leaves it)', async ({ page }) => {
  await page.evaluate(([f, p]) => window.dl.download(f, p), [TINY, PLAIN_PORT] as const);
  await page.evaluate(([f, p]) => window.dl.webllmDeleteAll(f, p), [TINY, PLAIN_PORT] as const);
  expect(await page.evaluate(() => window.dl.keys())).toEqual([`webllm/model http://127.0.0.1:${PLAIN_PORT}/models/${TINY}/resolve/main/tensor-cache.json`]);
});

test.describe('over a slow connection', () => {
  let slowServer: ChildProcess | undefined;
  test.beforeEach(async () => { slowServer = await serveFixtures(SLOW_PORT, 50_000); });
  test.afterEach(async () => { await stop(slowServer); });

  test('pause, then resume fetches only the files not yet cached', async ({ page }) => {
    const requests = recordRequests(page, SLOW_PORT);
    const paused = await page.evaluate(([f, p]) => window.dl.download(f, p, { concurrency: 1, pauseAtFiles: 5 }), [TINY, SLOW_PORT] as const);
    expect(paused.error?.name).toBe('AbortError');
    const partial = await page.evaluate(([f, p]) => window.dl.inspect(f, p), [TINY, SLOW_PORT] as const);
    expect(partial.state).toBe('partial');
    const cached = ALL_FILES.filter((f) => !partial.missing.includes(f));
    expect(cached.length).toBeGreaterThanOrEqual(5);
    expect(await page.evaluate(() => window.dl.keys())).toHaveLength(cached.length);
    // Progress while paused-in-the-middle: some bytes done, not all.
    expect(paused.events.at(-1)!.bytesDone).toBeLessThan(tinyBytes);

    requests.length = 0;
    const resumed = await page.evaluate(([f, p]) => window.dl.download(f, p, { concurrency: 1 }), [TINY, SLOW_PORT] as const);
    expect(resumed.error).toBeUndefined();
    expect(requests.sort()).toEqual([...partial.missing].sort());
    expect(resumed.summary?.filesSkipped).toBe(cached.length);
    expect(resumed.events.find((e) => e.phase === 'downloading')!.bytesDone).toBeGreaterThan(0);
    const last = resumed.events.at(-1)!;
    expect(last).toMatchObject({ phase: 'done', percent: 100 });
    expect(resumed.events.some((e) => e.bytesPerSecond > 0 && e.secondsLeft !== undefined)).toBe(true);
    expect((await page.evaluate(([f, p]) => window.dl.inspect(f, p), [TINY, SLOW_PORT] as const)).state).toBe('ready');
  });

  test('the server dying mid-download gives a network error; resuming later keeps the finished files', async ({ page }) => {
    const requests = recordRequests(page, SLOW_PORT);
    await page.evaluate(([f, p]) => window.dl.start(f, p, { concurrency: 1 }), [TINY, SLOW_PORT] as const);
    await page.waitForFunction(() => window.dlEvents.some((e) => e.filesDone >= 4 && e.currentFiles.length > 0));
    await stop(slowServer);
    const failed = await page.evaluate(() => window.dlRun);
    expect(failed.error?.name).toBe('ModelNetworkError');
    expect(failed.error?.message).toMatch(/Press Resume/);
    const partial = await page.evaluate(([f, p]) => window.dl.inspect(f, p), [TINY, SLOW_PORT] as const);
    expect(partial.state).toBe('partial');
    // The file cut off mid-way was not stored: every cache entry is a whole file.
    expect(await page.evaluate(() => window.dl.keys())).toHaveLength(partial.filesCached);

    slowServer = await serveFixtures(SLOW_PORT, 50_000);
    requests.length = 0;
    const resumed = await page.evaluate(([f, p]) => window.dl.download(f, p), [TINY, SLOW_PORT] as const);
    expect(resumed.error).toBeUndefined();
    expect(requests.sort()).toEqual([...partial.missing].sort());
    expect((await page.evaluate(([f, p]) => window.dl.inspect(f, p), [TINY, SLOW_PORT] as const)).state).toBe('ready');
  });
});

test('going offline mid-download says so, and the download resumes once back online', async ({ page, context }) => {
  const slow = await serveFixtures(SLOW_PORT, 50_000);
  try {
    await page.evaluate(([f, p]) => window.dl.start(f, p, { concurrency: 1 }), [TINY, SLOW_PORT] as const);
    await page.waitForFunction(() => window.dlEvents.some((e) => e.filesDone >= 4));
    await context.setOffline(true);
    const failed = await page.evaluate(() => window.dlRun);
    expect(failed.error?.name).toBe('ModelNetworkError');
    expect(failed.error?.message).toMatch(/You are offline.*Reconnect and press Resume/);
    await context.setOffline(false);
    const resumed = await page.evaluate(([f, p]) => window.dl.download(f, p), [TINY, SLOW_PORT] as const);
    expect(resumed.error).toBeUndefined();
    expect(resumed.summary?.filesSkipped).toBeGreaterThanOrEqual(4);
  } finally {
    await stop(slow);
  }
});

test('a missing shard is an HTTP 404 error naming the file and saying the weights are not hosted there', async ({ page }) => {
  const result = await page.evaluate(([f, p]) => window.dl.download(f, p), ['tiny-missing-q4f32_1-MLC', PLAIN_PORT] as const);
  expect(result.error?.name).toBe('ModelFileNotFoundError');
  expect(result.error?.message).toContain(`http://127.0.0.1:${PLAIN_PORT}/models/tiny-missing-q4f32_1-MLC/params_shard_1.bin`);
  expect(result.error?.message).toMatch(/weights are not hosted at this URL/);
});

test('a shard shorter than its manifest record is refused and not cached', async ({ page }) => {
  const result = await page.evaluate(([f, p]) => window.dl.download(f, p), ['tiny-truncated-q4f32_1-MLC', PLAIN_PORT] as const);
  expect(result.error?.name).toBe('TruncatedFileError');
  expect(result.error?.message).toMatch(/params_shard_1.bin has 3000 bytes but the model's tensor-cache.json says 4096/);
  const report = await page.evaluate(([f, p]) => window.dl.inspect(f, p), ['tiny-truncated-q4f32_1-MLC', PLAIN_PORT] as const);
  expect(report.missing).toContain('params_shard_1.bin');
  // Not stored at all (the size check errors the stream before cache.put commits).
  expect((await page.evaluate(() => window.dl.keys())).filter((k) => k.endsWith('params_shard_1.bin'))).toEqual([]);
});

test('the hosting probe tells a hosted model from an empty folder', async ({ page }) => {
  expect(await page.evaluate(([f, p]) => window.dl.probe(f, p), [TINY, PLAIN_PORT] as const)).toMatchObject({ status: 'hosted' });
  const missing = await page.evaluate(([f, p]) => window.dl.probe(f, p), ['R1-Code-Interpreter-3B-q4f32_1-MLC', PLAIN_PORT] as const);
  expect(missing.status).toBe('missing');
  expect(missing).toMatchObject({ message: expect.stringMatching(/not hosted at .*R1-Code-Interpreter-3B-q4f32_1-MLC/) });
  const offline = await page.evaluate(([f, p]) => window.dl.probe(f, p), [TINY, SLOW_PORT + 10] as const);
  expect(offline.status).toBe('unreachable');
});

test.describe('storage quota', () => {
  async function setQuota(page: Page, bytes: number): Promise<void> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: bytes });
  }

  test('a model larger than the free quota is refused before any shard is fetched', async ({ page }) => {
    // Chromium's quota override limits writes but estimate() keeps reporting the real quota: stub estimate().
    await page.evaluate(() => { navigator.storage.estimate = async () => ({ quota: 100_000, usage: 20_000 }); });
    const requests = recordRequests(page, PLAIN_PORT);
    const result = await page.evaluate(([f, p]) => window.dl.download(f, p), [TINY, PLAIN_PORT] as const);
    expect(result.error?.name).toBe('StorageQuotaError');
    expect(result.error?.message).toMatch(/needs about \d+ MB more storage but the browser allows only 80 kB more/);
    expect(requests.filter((r) => r.endsWith('.bin'))).toEqual([]);
  });

  test('QuotaExceededError while storing becomes StorageQuotaError', async ({ page }) => {
    await setQuota(page, 60_000);
    const result = await page.evaluate(([f, p]) => window.dl.download(f, p, { skipQuotaCheck: true }), [TINY, PLAIN_PORT] as const);
    expect(result.error?.name).toBe('StorageQuotaError');
    expect(result.error?.message).toMatch(/refused to store \S+ \(storage quota exceeded\).*files already downloaded are kept/);
  });
});
