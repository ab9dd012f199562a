/**
 * PWA figures, printed (never asserted): precache size, offline reload to first render, first Python
 * output offline (Pyodide from the precache), and how long a Stop of a runaway script takes with and
 * without cross-origin isolation.
 *   npx tsx scripts/bench-pwa.ts [--dist dist] [--port 5792] [--runs 5]
 * Serves the build under /r1ci/ with no special headers (like GitHub Pages) in Debian's Chromium.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const dist = args.get('dist') ?? 'dist';
const port = Number(args.get('port') ?? 5792);
const runs = Number(args.get('runs') ?? 5);
const base = `http://127.0.0.1:${port}/r1ci/`;

const REPLAYS = {
  'runaway.json': { question: 'Loop.', rounds: ['```python\nprint("looping now", flush=True)\nwhile True:\n    pass\n```\n', '<<<1>>>'] },
};

function precacheSize(): { entries: number; bytes: number; largest: string } {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/\{"revision":(?:null|"[0-9a-f]+"),"url":"([^"]+)"\}/g)].map((m) => m[1]);
  const sizes = urls.map((url) => ({ url, bytes: statSync(join(dist, url)).size }));
  sizes.sort((a, b) => b.bytes - a.bytes);
  return { entries: urls.length, bytes: sizes.reduce((s, f) => s + f.bytes, 0), largest: sizes.slice(0, 3).map((f) => `${f.url} ${(f.bytes / 1e6).toFixed(1)} MB`).join(', ') };
}

/** Milliseconds from navigation start until the app header exists (first render of the shell). */
async function timeToShell(page: Page): Promise<number> {
  await page.waitForFunction(() => document.querySelector('r1ci-app')?.shadowRoot?.querySelector('header h1'), null, { polling: 'raf', timeout: 60_000 });
  return page.evaluate(() => performance.now());
}

async function isolatedPage(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller) && crossOriginIsolated, null, { timeout: 60_000 });
  return { page, close: () => context.close() };
}

async function offlineReload(browser: Browser): Promise<number[]> {
  const { page, close } = await isolatedPage(browser);
  await page.context().setOffline(true);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.reload({ waitUntil: 'commit' });
    times.push(await timeToShell(page));
  }
  await close();
  return times;
}

/**
 * Offline, a new tab opens the precached game24 demo (a replay file outside the precache could not be
 * fetched offline): page load to its first Python output, and code cell "running" to that output
 * (Pyodide's start from the precache plus the script).
 */
async function firstPythonOffline(browser: Browser): Promise<{ load: number[]; cell: number[] }> {
  const load: number[] = [];
  const cell: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { page, close } = await isolatedPage(browser);
    await page.context().setOffline(true);
    const tab = await page.context().newPage();
    await tab.addInitScript(WATCH_FIRST_CELL);
    await tab.goto(base + '?demo=game24', { waitUntil: 'commit' });
    const times = await tab.waitForFunction(() => (window as unknown as { cellTimes?: { running?: number; output?: number } }).cellTimes?.output, null, { timeout: 90_000, polling: 100 })
      .then(() => tab.evaluate(() => (window as unknown as { cellTimes: { running: number; output: number } }).cellTimes));
    load.push(times.output);
    cell.push(times.output - times.running);
    await close();
  }
  return { load, cell };
}

/**
 * Runs in the page: records when the first code cell starts running and when its output shows, every
 * frame. A string, not a function: tsx would wrap a function's inner helpers in `__name()`, which does
 * not exist in the page.
 */
const WATCH_FIRST_CELL = `(() => {
  const times = {};
  window.cellTimes = times;
  const find = (root) => {
    const hit = root.querySelector('r1ci-code-cell');
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      const inner = el.shadowRoot && find(el.shadowRoot);
      if (inner) return inner;
    }
    return null;
  };
  const tick = () => {
    const cell = find(document);
    if (cell && times.running === undefined && cell.state === 'running') times.running = performance.now();
    if (cell && cell.state === 'ok' && cell.shadowRoot && cell.shadowRoot.textContent.includes('((1+2)*(2+6))')) {
      if (times.running === undefined) times.running = performance.now();
      times.output = performance.now();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** Click on Stop until the cell says it stopped, with the page isolated or not. */
async function stopLatency(browser: Browser, isolated: boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ serviceWorkers: isolated ? 'allow' : 'block' });
    const page = await context.newPage();
    if (isolated) {
      await page.goto(base);
      await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller) && crossOriginIsolated, null, { timeout: 60_000 });
    }
    await page.goto(base + '?replay=/r1ci-bench/runaway.json');
    if ((await page.evaluate(() => crossOriginIsolated)) !== isolated) throw new Error('isolation is not as intended');
    const cell = page.locator('r1ci-code-cell').first();
    await cell.getByLabel('Python output').filter({ hasText: 'looping now' }).waitFor({ timeout: 90_000 });
    await page.waitForTimeout(300);
    const started = Date.now();
    await page.getByTestId('stop').click();
    await cell.filter({ hasText: 'stopped' }).waitFor();
    times.push(Date.now() - started);
    await context.close();
  }
  return times;
}

function summary(label: string, values: number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`${label.padEnd(44)} median ${median.toFixed(0).padStart(5)} ms   (runs: ${values.map((v) => v.toFixed(0)).join(', ')})`);
}

async function main(): Promise<void> {
  const replays = mkdtempSync(join(tmpdir(), 'r1ci-bench-pwa-'));
  for (const [name, replay] of Object.entries(REPLAYS)) writeFileSync(join(replays, name), JSON.stringify(replay));
  const server = spawn('node', ['scripts/serve-static.mjs', '--dir', dist, '--port', String(port), '--base', '/r1ci/', '--mount', `/r1ci-bench=${replays}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => server.stdout!.once('data', resolve));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
  try {
    const precache = precacheSize();
    console.log(`precache: ${precache.entries} files, ${(precache.bytes / 1e6).toFixed(2)} MB (largest: ${precache.largest})`);
    summary('offline reload to first render', await offlineReload(browser));
    const python = await firstPythonOffline(browser);
    summary('offline new tab: load to first Python output', python.load);
    console.log('  (mostly the recording streaming its text at reading pace before the code block closes)');
    summary('offline: code cell running to its output', python.cell);
    console.log('  (Pyodide, loaded from the precache while the text streamed, runs the script at once)');
    summary('Stop of a runaway script, isolated', await stopLatency(browser, true));
    summary('Stop of a runaway script, not isolated', await stopLatency(browser, false));
    console.log('  (click to "stopped" shown. Isolated: SIGINT through the interrupt buffer, same worker. Not isolated: the worker is\n' +
      '   terminated at once and a new one loads Pyodide in the background, about 1.5 s of CPU: see scripts/bench-python.ts)');
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

await main();
