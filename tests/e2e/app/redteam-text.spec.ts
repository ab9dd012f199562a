/**
 * Red-team suite for hostile text (issue 6, point 4), through the real UI of the built app. Every attack of
 * tests/fixtures/hostile/attacks.ts is played as a recording (`?replay=`) that puts it in the question (so
 * the conversation title), the model's prose, the code, what the real Python worker prints to stdout and
 * stderr, and the final answer; the Markdown export of each is read back; a benchmark file made of all of
 * them is loaded and run in the Benchmark view. Each attack must hold: no script ran (canary, dialogs,
 * page errors), no navigation, no request to the beacon port, no markup outside the sanitised content,
 * header and question box visible and on top, the page answering, and the next question (a demo) answered.
 */
import { expect, test, type Page } from '@playwright/test';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Marked, type Token } from 'marked';
import { ATTACKS, BEACON_PORT, replayFor, type TextAttack } from '../../fixtures/hostile/attacks';
import { waitForSessionEnd } from './helpers';

const GENERATED = 'tests/fixtures/hostile/generated';
const SCREENS = '/tmp/screens-hostile';

test.setTimeout(240_000);

// A failed test restarts the worker process, and module state with it: results and the baseline are
// kept in files of this run (named after the test runner's process) so the counts at the end are whole.
const RUN_FILE = `/tmp/redteam-text-${process.ppid}.jsonl`;
const BASELINE_FILE = `/tmp/redteam-text-${process.ppid}.baseline.json`;
interface Outcome { id: string; held: boolean; worstRoundTripMs: number; note: string }
function report(outcome: Outcome): void {
  appendFileSync(RUN_FILE, JSON.stringify(outcome) + '\n');
}
function readBaseline(): Record<string, number> | null {
  return existsSync(BASELINE_FILE) ? JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) : null;
}

test.beforeAll(() => {
  mkdirSync(GENERATED, { recursive: true });
  mkdirSync(SCREENS, { recursive: true });
  const control: TextAttack = { id: 'control', what: 'harmless text (the baseline)', text: 'plain words, **bold** and a [link](https://example.org/)' };
  for (const attack of [control, ...ATTACKS]) writeFileSync(`${GENERATED}/${attack.id}.json`, JSON.stringify(replayFor(attack)));
  writeBenchmarkFiles();
});

test.afterAll(() => {
  const results: Outcome[] = existsSync(RUN_FILE) ? readFileSync(RUN_FILE, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
  const held = results.filter((r) => r.held).length;
  console.log('\nhostile text red-team: attack, held, worst page round trip while it rendered');
  for (const r of results) console.log(`  ${r.held ? 'held  ' : 'FAILED'} ${r.id.padEnd(22)} ${String(r.worstRoundTripMs).padStart(6)} ms ${r.note}`);
  console.log(`hostile texts: tried ${results.length}, held ${held}`);
});

/** What the page did that it must not: dialogs, uncaught errors, navigations, requests to the beacon. */
function watch(page: Page) {
  const seen = { dialogs: [] as string[], errors: [] as string[], navigations: [] as string[], beacon: [] as string[] };
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); void d.dismiss(); });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) seen.navigations.push(f.url()); });
  page.context().on('request', (r) => { if (r.url().includes(`:${BEACON_PORT}`)) seen.beacon.push(r.url()); });
  return seen;
}

/** Milliseconds for a trivial page.evaluate: a page frozen by rendering answers late. */
async function roundTrip(page: Page): Promise<number> {
  const start = Date.now();
  await page.evaluate(() => 1);
  return Date.now() - start;
}

/** Counts of elements that hostile markup would add, through every open shadow root of the page. */
function census(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const counted = ['SCRIPT', 'IFRAME', 'FRAME', 'IMG', 'SVG', 'MATH', 'STYLE', 'META', 'BASE', 'FORM', 'OBJECT', 'EMBED', 'LINK', 'VIDEO', 'AUDIO', 'NOSCRIPT'];
    const counts: Record<string, number> = Object.fromEntries(counted.map((t) => [t, 0]));
    counts.inlineHandlers = 0;
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.tagName.toUpperCase();
        if (tag in counts) counts[tag]!++;
        if ([...el.attributes].some((a) => a.name.toLowerCase().startsWith('on'))) counts.inlineHandlers!++;
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return counts;
  });
}

/** What the sanitised places hold: only prose markup in r1ci-markdown, only text spans in Python output. */
function contentAudit(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const prose = new Set(['DIV', 'P', 'A', 'EM', 'STRONG', 'CODE', 'PRE', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TD', 'TH', 'BR', 'HR', 'DEL', 'SPAN']);
    const allAll = (root: Document | ShadowRoot, selector: string): Element[] => {
      const out: Element[] = [...root.querySelectorAll(selector)];
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...allAll(el.shadowRoot, selector));
      return out;
    };
    for (const md of allAll(document, 'r1ci-markdown')) {
      for (const el of md.shadowRoot!.querySelectorAll('*')) {
        if (!prose.has(el.tagName)) problems.push(`<${el.tagName.toLowerCase()}> in model prose`);
        for (const a of el.attributes) {
          if (!['href', 'target', 'rel', 'title', 'align', 'start', 'class'].includes(a.name)) problems.push(`attribute ${a.name} on <${el.tagName.toLowerCase()}> in model prose`);
        }
        if (el.tagName === 'A' && el.hasAttribute('href') && !/^(https?:|mailto:|#)/i.test(el.getAttribute('href')!.trim())) problems.push(`link to ${el.getAttribute('href')}`);
      }
    }
    for (const pre of allAll(document, 'pre[aria-label="Python output"]')) {
      for (const el of pre.querySelectorAll('*')) if (el.tagName !== 'SPAN' || el.attributes.length > 1 || el.children.length) problems.push(`<${el.tagName.toLowerCase()}> in Python output`);
    }
    for (const el of allAll(document, 'r1ci-session-view [style], r1ci-session-view')) {
      if (el.tagName !== 'R1CI-SESSION-VIEW' && el.hasAttribute('style')) problems.push(`style attribute on <${el.tagName.toLowerCase()}>`);
    }
    return problems;
  });
}

/** The element drawn on top at the centre of `selector`'s first match (descending into shadow roots). */
async function onTopAt(page: Page, selector: string): Promise<{ target: string; onTop: string[] }> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) return { target: 'not visible', onTop: [] };
  return page.evaluate(({ x, y }) => {
    const path: string[] = [];
    let root: Document | ShadowRoot = document;
    for (let depth = 0; depth < 20; depth++) {
      const el: Element | null = root.elementFromPoint(x, y);
      if (!el) break;
      if (path.at(-1) === el.tagName) break;
      path.push(el.tagName);
      if (!el.shadowRoot) break;
      root = el.shadowRoot;
    }
    // The ancestors of the deepest element, across shadow boundaries.
    const ancestors: string[] = [];
    let node: Node | null = (root as Document | ShadowRoot).elementFromPoint(x, y);
    while (node) {
      if (node instanceof Element) ancestors.push(node.tagName + (node.className && typeof node.className === 'string' ? '.' + node.className.split(' ')[0] : ''));
      node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
      if (node instanceof ShadowRoot) node = node.host;
    }
    return { target: path.join('>'), onTop: ancestors };
  }, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
}

async function assertUiIntact(page: Page): Promise<void> {
  await expect(page.locator('header.top')).toBeVisible();
  await expect(page.locator('r1ci-question-box')).toBeVisible();
  await expect(page.locator('r1ci-app')).toBeVisible();
  // Nothing from the content lies over the header or the question box.
  expect((await onTopAt(page, 'header.top h1')).onTop.some((t) => t.startsWith('HEADER'))).toBe(true);
  expect((await onTopAt(page, 'r1ci-question-box textarea')).onTop).toContain('R1CI-QUESTION-BOX');
  // The question box takes typing (it is disabled without a model; its value still follows the keys).
  await page.locator('r1ci-question-box textarea').fill('still usable?');
}

async function assertNothingRan(page: Page, seen: ReturnType<typeof watch>, startUrl: string): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(seen.dialogs).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.beacon).toEqual([]);
  expect(seen.navigations.filter((u) => u !== startUrl)).toEqual([]);
  expect(page.url()).toBe(startUrl);
  expect(await contentAudit(page)).toEqual([]);
  const baseline = readBaseline();
  if (baseline) expect(await census(page)).toEqual(baseline);
}

/** The exported Markdown keeps the Python output and the answer inside fences they cannot close. */
async function checkMarkdownExport(page: Page, id: string): Promise<void> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the session as a Markdown file' }).click();
  const md = readFileSync(await (await download).path(), 'utf8');
  const tokens: Token[] = new Marked({ gfm: true }).lexer(md);
  expect(tokens[0]).toMatchObject({ type: 'heading', depth: 1 });
  expect((tokens[0] as { text: string }).text).toContain(`[q:${id}]`);
  const answerAt = tokens.findIndex((t) => t.type === 'heading' && (t as { text: string }).text === 'Answer');
  const afterAnswer = tokens.slice(answerAt + 1).filter((t) => t.type !== 'space');
  expect(afterAnswer).toHaveLength(1);
  expect(afterAnswer[0]).toMatchObject({ type: 'code', lang: 'text' });
  expect((afterAnswer[0] as { text: string }).text).toContain(`[a:${id}]`);
  const outputs = tokens.filter((t) => t.type === 'code' && (t as { lang?: string }).lang === 'text' && (t as { text: string }).text.includes(`[o:${id}]`));
  expect(outputs).toHaveLength(1);
}

async function playNextQuestion(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Play the recorded demo: A new operator/ }).first().click();
  await expect(page.getByTestId('question')).not.toContainText('[q:', { timeout: 30_000 });
  await expect(page.getByTestId('session-status')).toHaveText('Answered.', { timeout: 90_000 });
  await expect(page.locator('r1ci-code-cell').first()).toContainText('ran');
}

test('control: a harmless recording, for the baseline of what the page holds', async ({ page }) => {
  const seen = watch(page);
  await page.goto(`./?replay=/fixtures/hostile/generated/control.json&replayChunk=500`);
  const startUrl = page.url();
  await waitForSessionEnd(page);
  await expect(page.getByTestId('answer')).toContainText('[a:control]');
  await assertNothingRan(page, seen, startUrl);
  const baseline = await census(page);
  writeFileSync(BASELINE_FILE, JSON.stringify(baseline));
  console.log('baseline census', JSON.stringify(baseline));
  expect(baseline.inlineHandlers).toBe(0);
});

for (const attack of ATTACKS) {
  test(`hostile text ${attack.id}: ${attack.what}`, async ({ page }) => {
    const record: Outcome = { id: attack.id, held: false, worstRoundTripMs: 0, note: '' };
    try {
      await attackHolds(page, attack, record);
      record.held = true;
    } finally {
      report(record);
    }
  });
}

async function attackHolds(page: Page, attack: TextAttack, record: Outcome): Promise<void> {
  const seen = watch(page);
  if (attack.huge) {
    // The largest token budget a user can set, so as much of the huge text as a model could write arrives.
    await page.addInitScript(() => {
      if (window === window.top) localStorage.setItem('r1ci-settings', JSON.stringify({ overrides: { maxNewTokens: 32_768 } }));
    });
  }
  await page.goto(`./?replay=/fixtures/hostile/generated/${attack.id}.json&replayChunk=${attack.huge ? 100_000 : 500}`);
  const startUrl = page.url();
  // The page must keep answering while it takes the text in: measured, printed, bounded only generously.
  const trips: number[] = [];
  const deadline = Date.now() + 120_000;
  while (!(await page.getByTestId('session-status').isVisible()) && Date.now() < deadline) {
    trips.push(await roundTrip(page));
    await page.waitForTimeout(100);
  }
  await waitForSessionEnd(page, 5_000);
  trips.push(await roundTrip(page));
  record.worstRoundTripMs = Math.max(...trips);
  expect(record.worstRoundTripMs).toBeLessThan(30_000);

  const rounds = page.getByTestId('rounds');
  await expect(rounds).toContainText(`[t:${attack.id}]`);
  const cell = page.locator('r1ci-code-cell').first();
  await expect(cell.getByLabel('Python output')).toContainText(`[o:${attack.id}]`);
  await expect(page.getByTestId('question')).toContainText(`[q:${attack.id}]`);
  await expect(page.getByTestId('conversation-list')).toContainText(`[q:${attack.id}]`);
  if (attack.huge) {
    await expect(rounds).toContainText(`[p:${attack.id}]`);
  } else {
    await expect(cell).toContainText(`[c:${attack.id}]`);
    await expect(page.getByTestId('answer')).toContainText(`[a:${attack.id}]`);
    if (attack.hiddenInAnswer) {
      // The card shows what the answer is: no character in it reorders or hides text unseen.
      await expect(page.getByTestId('answer-hidden-note')).toContainText(`${attack.hiddenInAnswer} invisible or direction-changing characters`);
      expect(await page.getByTestId('answer').innerText()).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
    }
  }
  record.note = (await page.getByTestId('session-status').innerText()).slice(0, 60);
  await page.screenshot({ path: `${SCREENS}/${attack.id}.png` });
  await assertNothingRan(page, seen, startUrl);
  await assertUiIntact(page);
  if (!attack.huge) await checkMarkdownExport(page, attack.id);

  await playNextQuestion(page);
  await assertNothingRan(page, seen, startUrl);
  await assertUiIntact(page);
}

/** One benchmark dataset and replay set holding every small attack: task names, ids, questions, answers. */
function writeBenchmarkFiles(): void {
  const small = ATTACKS.filter((a) => a.text);
  const dataset = small.map((a, i) => ({ id: `${a.id}/${i}`, task: `${a.id} ${a.text!.replace(/\n/g, ' ')}`.slice(0, 300), question: `${a.text}\nReturn your answer with the format <<<answer>>>.`, solution: a.text }));
  const replays = small.map((a, i) => ({ id: `${a.id}/${i}`, title: a.text, rounds: [`${a.text}\n\n<<<${a.text!.replace(/\n/g, ' ')}>>>`] }));
  writeFileSync(`${GENERATED}/bench.jsonl`, dataset.map((d) => JSON.stringify(d)).join('\n') + '\n');
  writeFileSync(`${GENERATED}/bench.replays.jsonl`, replays.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

test('every attack in a benchmark file and its replay set, loaded and run in the Benchmark view', async ({ page }) => {
  const record: Outcome = { id: 'benchmark-files', held: false, worstRoundTripMs: 0, note: '' };
  try {
    await benchmarkHolds(page, record);
    record.held = true;
  } finally {
    report(record);
  }
});

async function benchmarkHolds(page: Page, record: Outcome): Promise<void> {
  const seen = watch(page);
  await page.goto('./?view=benchmark');
  const startUrl = page.url();
  const count = ATTACKS.filter((a) => a.text).length;
  await page.getByTestId('bench-url').fill('fixtures/hostile/generated/bench.jsonl');
  await page.getByRole('button', { name: 'Load' }).first().click();
  await expect(page.getByTestId('bench-dataset')).toContainText(`${count} questions in ${count} tasks`);
  await expect(page.getByTestId('bench-tasks')).toContainText('img-onerror <img src=x onerror=');
  await page.getByTestId('bench-replays-url').fill('fixtures/hostile/generated/bench.replays.jsonl');
  await page.getByRole('button', { name: 'Load' }).nth(1).click();
  await page.getByTestId('bench-start').click();
  await expect(page.getByTestId('bench-progress')).toContainText(`Finished: ${count} of ${count}`, { timeout: 180_000 });
  record.worstRoundTripMs = await roundTrip(page);
  await page.getByText(`Questions (${count})`).click();
  await expect(page.getByTestId('bench-questions')).toContainText('script-inline/1');
  await expect(page.locator('[data-testid="bench-task-row"][data-task^="script-inline"]')).toContainText("<script>window.__pwned='script-inline'</script>");
  await page.screenshot({ path: `${SCREENS}/benchmark.png`, fullPage: true });
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(seen.dialogs).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.beacon).toEqual([]);
  expect(page.url()).toBe(startUrl);
  const tags = await census(page);
  // The app's own: its one module script, the Python sandbox frame once Python has started, the chart.
  expect(tags.SCRIPT).toBe(1);
  expect(tags.IFRAME).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('bench-chart')).toHaveCount(1);
  expect(tags.SVG).toBe(1);
  for (const tag of ['IMG', 'MATH', 'OBJECT', 'EMBED', 'BASE', 'FRAME', 'VIDEO', 'AUDIO']) expect(tags[tag], tag).toBe(0);
  expect(tags.inlineHandlers).toBe(0);
  // Back to the app: the next question is answered.
  await page.goto('./');
  await playNextQuestion(page);
}
