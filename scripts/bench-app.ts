/**
 * App figures, printed (never asserted): main-thread JS (the entry chunk and its static imports, raw and
 * gzip; workers, Pyodide and web-llm load later and elsewhere), the precache, time to first render of the
 * app shell, Python worker ready time, and how fast a streamed answer the real UI keeps up with.
 *   npx tsx scripts/bench-app.ts [--dist dist] [--port 6010] [--runs 3]
 * Serves the build under /r1ci/ with no special headers (like GitHub Pages) in Debian's Chromium (which
 * refuses port 6000, X11's, as unsafe).
 *
 * Throughput: a long recording (markdown prose with lists, tables and inline code, a Python cell per
 * round) played through `?replay=` with `?replayChunk=<n>`, so pieces of n characters arrive every 15 ms
 * on the main thread, as a model's tokens would. When rendering cannot keep up, the replay's timers slip,
 * so the achieved rate (characters of a round / its generation time, from the session's own timestamps)
 * is the rate the page sustains. Rounds after the first are measured: the first streams while Pyodide
 * starts.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const dist = args.get('dist') ?? 'dist';
const port = Number(args.get('port') ?? 6010);
const runs = Number(args.get('runs') ?? 3);
const base = `http://127.0.0.1:${port}/r1ci/`;
const CHARS_PER_TOKEN = 4;
/** Characters per piece for the throughput runs; pieces come every 15 ms (the app's recording pace). */
const CHUNK_SIZES = [16, 64, 256, 1024];

/** The entry chunk(s) index.html loads, plus what they import statically (not `import()`, not workers). */
function mainThreadJs(): { files: string[]; raw: number; gzip: number; excluded: string[] } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const excluded: string[] = [];
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    if (/pyodide|web-?llm/i.test(file)) { excluded.push(file); continue; }
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    // Static `import ... from "./x.js"`, `import "./x.js"` and `export ... from "./x.js"`; never `import(`.
    for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`](\.\/[^"'`]+\.js)["'`]/g)) {
      queue.push(folder + m[1].slice(2));
    }
  }
  const files = [...seen];
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(dist, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip, excluded };
}

function precacheSize(): { entries: number; bytes: number } {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/\{"revision":(?:null|"[0-9a-f]+"),"url":"([^"]+)"\}/g)].map((m) => m[1]);
  return { entries: urls.length, bytes: urls.reduce((sum, url) => sum + statSync(join(dist, url)).size, 0) };
}

/** Milliseconds from navigation start until the app header exists (first render of the shell), first visit. */
async function firstRender(browser: Browser): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelector('r1ci-app')?.shadowRoot?.querySelector('header h1'), null, { polling: 'raf', timeout: 60_000 });
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  return times;
}

/**
 * Runs in the page: the time the app's Python client first reports each start-up stage (the root
 * element's `_pythonStage`, fed by the client's onStage), animation frames, and long tasks. A string,
 * not a function: tsx would wrap a function's inner helpers in `__name()`, which does not exist in the page.
 */
const WATCH_PAGE = `(() => {
  const stages = {};
  const frames = [];
  const longTasks = [];
  window.benchWatch = { stages, frames, longTasks };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const tick = (t) => {
    frames.push(t);
    const app = document.querySelector('r1ci-app');
    const stage = app && app._pythonStage;
    if (stage && stages[stage] === undefined) stages[stage] = performance.now();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** Runs in the page: the session view's text through every shadow root, and its code cells. */
const RENDERED = `(() => {
  const texts = [];
  let cells = 0;
  const walk = (node) => {
    if (node.nodeType === 3) texts.push(node.data);
    if (node.localName === 'r1ci-code-cell') cells++;
    if (node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(document.querySelector('r1ci-app').shadowRoot.querySelector('r1ci-session-view'));
  return { text: texts.join(''), cells };
})()`;

interface Watch {
  stages: Record<string, number>;
  frames: number[];
  longTasks: { start: number; duration: number }[];
}

/** Opens a recording in a fresh tab with the page watcher installed. */
async function openReplay(browser: Browser, file: string, chunk?: number): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(WATCH_PAGE);
  await page.goto(`${base}?replay=/r1ci-bench/${file}${chunk ? `&replayChunk=${chunk}` : ''}`, { waitUntil: 'commit' });
  return { page, close: () => context.close() };
}

/** Page load to the Python client's "ready" (a replay link starts the worker at once, as a question would). */
async function pythonReady(browser: Browser): Promise<{ ready: number[]; stages: string }> {
  const ready: number[] = [];
  let stages = '';
  for (let i = 0; i < runs; i++) {
    const { page, close } = await openReplay(browser, 'tiny.json');
    const watch = await page.waitForFunction(() => (window as unknown as { benchWatch: Watch }).benchWatch.stages.ready, null, { timeout: 120_000, polling: 50 })
      .then(() => page.evaluate(() => (window as unknown as { benchWatch: Watch }).benchWatch));
    ready.push(watch.stages.ready);
    stages = Object.entries(watch.stages).sort((a, b) => a[1] - b[1]).map(([name, at]) => `${name} ${at.toFixed(0)}`).join(', ');
    await close();
  }
  return { ready, stages };
}

/** The parts of the app's Session this script reads. */
interface Session {
  status: string;
  stop?: unknown;
  answer: string | null;
  rounds: { text: string; startedAt: number; generationEndedAt?: number }[];
}

interface Throughput {
  requested: number;
  achieved: number;
  chars: number;
  fps: number;
  longestTask: number;
  longTasks: number;
}

/** Plays the long recording with pieces of `chunk` characters; measures its long rounds (not the first or the last). */
async function streamThroughput(browser: Browser, chunk: number): Promise<Throughput> {
  const { page, close } = await openReplay(browser, 'long.json', chunk);
  const data = await page.waitForFunction(() => {
    const view = document.querySelector('r1ci-app')?.shadowRoot?.querySelector('r1ci-session-view') as unknown as { session?: { status: string } } | null;
    return view?.session && view.session.status !== 'running';
  }, null, { timeout: 300_000, polling: 200 }).then(() => page.evaluate(() => {
    const view = document.querySelector('r1ci-app')!.shadowRoot!.querySelector('r1ci-session-view') as unknown as { session: Session };
    // Session times are Date.now(); the watcher's are performance.now().
    return { session: view.session, watch: (window as unknown as { benchWatch: Watch }).benchWatch, timeOrigin: performance.timeOrigin };
  }));
  // The figures only count if the page really shows what streamed: the last long round's last heading and every cell.
  const shown = await page.evaluate<{ text: string; cells: number }>(RENDERED);
  if (!shown.text.includes('Step 3.3: checking the totals') || shown.cells < 4) throw new Error(`the page did not render the whole recording (${shown.cells} code cells)`);
  // Computed here, not in the page: tsx would wrap helpers defined in page code in `__name()`.
  const { session, watch, timeOrigin } = data;
  const windows = session.rounds.slice(1, -1).map((r) => ({ start: r.startedAt - timeOrigin, end: (r.generationEndedAt ?? r.startedAt) - timeOrigin, chars: r.text.length }));
  const inside = (t: number) => windows.some((w) => t >= w.start && t <= w.end);
  const streamingMs = windows.reduce((s, w) => s + (w.end - w.start), 0);
  const tasks = watch.longTasks.filter((t) => inside(t.start) || inside(t.start + t.duration));
  const result = {
    status: session.status,
    answer: session.answer,
    chars: windows.reduce((s, w) => s + w.chars, 0),
    streamingMs,
    frames: watch.frames.filter(inside).length,
    longestTask: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
    longTasks: tasks.length,
  };
  await close();
  if (result.status !== 'done' || result.answer !== 'done') throw new Error(`the long recording ended ${result.status} (${JSON.stringify(session.stop ?? null)}) with answer ${result.answer}`);
  return {
    requested: (chunk / 15) * 1000,
    achieved: (result.chars / result.streamingMs) * 1000,
    chars: result.chars,
    fps: (result.frames / result.streamingMs) * 1000,
    longestTask: result.longestTask,
    longTasks: result.longTasks,
  };
}

/**
 * A long answer within R1-CI's 4096-token budget (about 12k characters in all): rounds of markdown
 * (headings, lists, a table, inline code, a plain code block) and a Python cell.
 */
function longRecording(): { title: string; question: string; rounds: string[] } {
  const prose = (round: number, part: number) => [
    `### Step ${round}.${part}: checking the ${['rows', 'columns', 'diagonals', 'totals'][part % 4]}`,
    '',
    `The grid has **${8 + part} rows** and *${5 + round} columns*; each cell holds a value from \`0\` to \`${9 + part}\`. ` +
      'I need the sum of every row, then to compare it with the target, keeping track of which rows already match. ' +
      'A row that overshoots cannot be fixed by later cells, so it is pruned at once, which keeps the search small.',
    '',
    `1. Read the row and split it on commas, as in \`row.split(",")\`.`,
    `2. Convert each piece with \`int()\`; a blank piece counts as **0**.`,
    `3. Compare \`sum(row)\` with the target ${round * 100 + part}.`,
    '',
    '| row | sum | target | ok |',
    '| --- | ---: | ---: | :---: |',
    ...Array.from({ length: 4 }, (_, i) => `| ${i} | ${i * 7 + part} | ${round * 100 + part} | ${i % 2 ? 'yes' : 'no'} |`),
    '',
    '```text',
    `row ${part}: 3, 1, 4, 1, 5, 9, 2, 6`,
    '```',
    '',
    `> Note: rows are numbered from zero, so the last one is row ${7 + part}.`,
    '',
  ].join('\n');
  const cell = (round: number) => [
    '```python',
    `rows = [[(r * ${round + 3} + c) % 10 for c in range(8)] for r in range(12)]`,
    'sums = [sum(row) for row in rows]',
    'for i, s in enumerate(sums):',
    '    print(f"row {i}: {s}")',
    'print("total", sum(sums))',
    '```',
    '',
  ].join('\n');
  const rounds = ['Warm-up while Python starts.\n\n```python\nprint("ready")\n```\n'];
  for (let round = 1; round <= 3; round++) rounds.push(Array.from({ length: 4 }, (_, part) => prose(round, part)).join('\n') + cell(round));
  rounds.push('All rows are checked. <<<done>>>');
  return { title: 'Benchmark: long streamed answer', question: 'Check the grid.', rounds };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Characters measured per throughput run: the long rounds of the recording. */
function longRoundChars(): number {
  return longRecording().rounds.slice(1, -1).reduce((sum, r) => sum + r.length, 0);
}

function summary(label: string, values: number[]): void {
  console.log(`${label.padEnd(44)} median ${median(values).toFixed(0).padStart(5)} ms   (runs: ${values.map((v) => v.toFixed(0)).join(', ')})`);
}

async function main(): Promise<void> {
  const replays = mkdtempSync(join(tmpdir(), 'r1ci-bench-app-'));
  writeFileSync(join(replays, 'tiny.json'), JSON.stringify({ question: 'Print.', rounds: ['```python\nprint(1)\n```\n', '<<<1>>>'] }));
  writeFileSync(join(replays, 'long.json'), JSON.stringify(longRecording()));
  const server = spawn('node', ['scripts/serve-static.mjs', '--dir', dist, '--port', String(port), '--base', '/r1ci/', '--mount', `/r1ci-bench=${replays}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => server.stdout!.once('data', resolve));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
  try {
    const js = mainThreadJs();
    console.log(`main-thread JS: ${(js.raw / 1e3).toFixed(1)} kB raw, ${(js.gzip / 1e3).toFixed(1)} kB gzip (${js.files.join(', ')}${js.excluded.length ? `; excluded ${js.excluded.join(', ')}` : ''})`);
    const precache = precacheSize();
    console.log(`precache: ${precache.entries} entries, ${(precache.bytes / 1e6).toFixed(2)} MB`);
    summary('first visit: navigation to app shell render', await firstRender(browser));
    const python = await pythonReady(browser);
    summary('page load to Python worker ready', python.ready);
    console.log(`  (last run, ms after navigation: ${python.stages})`);
    console.log('streamed answer through the real UI (?replay= of a long recording, markdown + Python cells; its rounds 2-4):');
    for (const chunk of CHUNK_SIZES) {
      const all: Throughput[] = [];
      for (let i = 0; i < runs; i++) all.push(await streamThroughput(browser, chunk));
      const achieved = median(all.map((t) => t.achieved));
      console.log(`  ${String(chunk).padStart(4)} chars/piece: asked ${(all[0].requested / CHARS_PER_TOKEN).toFixed(0).padStart(5)} tok/s, kept up with ${(achieved / CHARS_PER_TOKEN).toFixed(0).padStart(5)} tok/s ` +
        `(${(achieved / 1e3).toFixed(1)}k chars/s, a piece every ${((chunk / achieved) * 1000).toFixed(1)} ms), ${median(all.map((t) => t.fps)).toFixed(0)} frames/s, ` +
        `longest task ${Math.max(...all.map((t) => t.longestTask)).toFixed(0)} ms, ${all.map((t) => t.longTasks).join('/')} tasks over 50 ms`);
    }
    console.log(`  (medians of ${runs} runs over ${longRoundChars()} characters each; longest task is the worst run. Tokens estimated at ${CHARS_PER_TOKEN} characters.\n` +
      '   Pieces are asked for every 15 ms: past that, timers slip when the main thread is busy, so "kept up with" is what\n' +
      '   the page sustained; a frame rate near 60 means rendering, not the timers, still had room.)');
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

await main();
