import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { parseCsv } from '../../../src/bench/export';
import { watchErrors } from './helpers';

/** Screenshots of the Benchmark view, to be looked at (not compared). */
const SCREEN_DIR = '/tmp/screens-bench';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREEN_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREEN_DIR}/${name}.png`, fullPage: true });
}

/** The small SymBench sample and replay set in tests/fixtures/bench, served under /fixtures. */
function fixtureUrl(page: Page, name: string): string {
  return new URL(`/fixtures/bench/${name}`, page.url()).href;
}

async function loadDataset(page: Page): Promise<void> {
  await page.getByTestId('bench-url').fill(fixtureUrl(page, 'symbench-mini.jsonl'));
  await page.getByRole('button', { name: 'Load' }).first().click();
  await expect(page.getByTestId('bench-dataset')).toContainText('11 questions in 8 tasks');
}

/** Table cell text by task row and column, e.g. cell(page, 'game24', 'correct') -> "1 / 2". */
function cell(page: Page, task: string, col: string) {
  return page.locator(`[data-testid="bench-task-row"][data-task="${task}"] [data-col="${col}"]`);
}

test('a replay-set run fills the table as it goes; the CSV and JSON exports hold what the table shows', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByTestId('benchmark-link').click();
  await expect(page).toHaveURL(/\?view=benchmark$/);
  await loadDataset(page);
  // No model can run here: recordings are the only choice, and said to be recordings.
  await expect(page.getByTestId('bench-mode-recording')).toBeChecked();
  // A path relative to the app works as well as a full URL.
  await page.getByTestId('bench-replays-url').fill('fixtures/bench/mini.replays.jsonl');
  await page.getByRole('button', { name: 'Load' }).nth(1).click();
  await expect(page.getByTestId('bench-replays')).toHaveText('fixtures/bench/mini.replays.jsonl');
  await expect(page.getByText('4 chosen questions have no recording and are left out.')).toBeVisible();
  await expect(page.getByTestId('bench-start')).toHaveText(/Run 7 questions/);
  await shot(page, '01-setup');

  await page.getByTestId('bench-start').click();
  await expect(page.getByTestId('bench-recording-badge')).toBeVisible();
  // The table fills in while the run goes on (a first row before the end).
  await expect(page.getByTestId('bench-progress')).toContainText(/Running: [1-6] of 7 done/, { timeout: 90_000 });
  await expect(page.locator('[data-testid="bench-all-row"] [data-col="correct"]')).toHaveText(/^[1-6] \/ [1-6]$/);
  await shot(page, '02-running');
  await expect(page.getByTestId('bench-progress')).toContainText('Finished: 7 of 7 questions.', { timeout: 90_000 });

  await expect(cell(page, 'game24', 'correct')).toHaveText('1 / 2');
  await expect(cell(page, 'new_operator', 'correct')).toHaveText('1 / 2');
  await expect(cell(page, 'pooling', 'correct')).toHaveText('2 / 2');
  await expect(cell(page, 'statistical_counting', 'correct')).toHaveText('1 / 1');
  // statistical_counting's first script fails in the real Python worker and the second one runs: 2 calls.
  await expect(cell(page, 'statistical_counting', 'code-calls')).toHaveText('2.00');
  await expect(page.locator('[data-testid="bench-all-row"] [data-col="correct"]')).toHaveText('5 / 7');
  await expect(page.locator('[data-testid="bench-all-row"] [data-col="accuracy"]')).toHaveText('71.4%');
  await expect(page.locator('[data-testid="bench-macro-row"] [data-col="accuracy"]')).toHaveText('75.0%');
  await expect(page.getByTestId('bench-chart')).toBeVisible();
  await expect(page.getByTestId('bench-reference-note')).toContainText('per-task figures are not known');
  await page.getByText('Questions (7)').click();
  await shot(page, '03-finished');

  // What the table shows, task by task.
  const shown = await page.locator('[data-testid="bench-task-row"]').evaluateAll((rows) =>
    rows.map((r) => ({
      task: r.getAttribute('data-task'),
      correct: r.querySelector('[data-col="correct"]')!.textContent!.trim(),
      calls: r.querySelector('[data-col="code-calls"]')!.textContent!.trim(),
    })),
  );
  expect(shown.map((s) => s.task)).toEqual(['game24', 'new_operator', 'pooling', 'statistical_counting']);

  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('bench-export-csv').click();
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toMatch(/^r1ci-bench-.*\.csv$/);
  const [header, ...lines] = parseCsv(readFileSync(await csvFile.path(), 'utf8'));
  const col = (name: string) => header!.indexOf(name);
  expect(lines).toHaveLength(7);
  for (const s of shown) {
    const mine = lines.filter((l) => l[col('task')] === s.task);
    const right = mine.filter((l) => l[col('correct')] === 'true').length;
    expect(`${right} / ${mine.length}`).toBe(s.correct);
    const calls = mine.reduce((n, l) => n + Number(l[col('code_calls')]), 0) / mine.length;
    expect(calls.toFixed(2)).toBe(s.calls);
  }
  const counting = lines.find((l) => l[col('id')] === 'statistical_counting/3')!;
  expect(counting[col('transcript')]).toContain('TypeError');
  expect(counting[col('transcript')]).toContain('Total score: 5');

  const jsonDownload = page.waitForEvent('download');
  await page.getByTestId('bench-export-json').click();
  const data = JSON.parse(readFileSync(await (await jsonDownload).path(), 'utf8'));
  expect(data).toMatchObject({ format: 'r1ci-bench-results', version: 1, run: { recording: true, planned: 7 } });
  expect(data.results).toHaveLength(7);
  expect(data.summary.all).toMatchObject({ count: 7, correct: 5 });
  expect(data.summary.macroAccuracy).toBeCloseTo(0.75, 9);
  for (const s of shown) {
    const t = data.summary.tasks.find((x: { task: string }) => x.task === s.task);
    expect(`${t.correct} / ${t.count}`).toBe(s.correct);
  }
  expect(data.results.find((r: { id: string }) => r.id === 'game24/6').response.rounds[0].result).toContain('((1+2)*(2+6))');
  // On a phone the page does not scroll sideways (the table scrolls inside its own box).
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, '07-narrow');
  expect(errors).toEqual([]);
});

test('pause and resume; a run interrupted by a reload comes back paused with its finished questions, and resumes without redoing them', async ({ page }) => {
  // A link can name the data: ?data= loads it at once.
  await page.goto('./?view=benchmark&data=fixtures/bench/symbench-mini.jsonl');
  await expect(page.getByTestId('bench-dataset')).toContainText('11 questions in 8 tasks');
  // Default recordings: the app's own demos (8 of the 11 questions have one).
  await expect(page.getByTestId('bench-replays')).toContainText('demo recordings');
  await page.getByTestId('bench-start').click();
  // Pause between questions: the one in progress is dropped, nothing more finishes while paused.
  await expect(page.getByTestId('bench-progress')).toContainText(/Running: [1-6] of 8 done/, { timeout: 90_000 });
  await page.getByTestId('bench-pause').click();
  await expect(page.getByTestId('bench-progress')).toContainText(/Paused: [1-7] of 8 done/);
  const paused = await page.getByTestId('bench-progress').innerText();
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('bench-progress')).toHaveText(paused);
  await page.getByTestId('bench-resume').click();
  await expect(page.getByTestId('bench-progress')).toContainText(/Running: [2-7] of 8 done/, { timeout: 90_000 });
  await page.reload();

  await expect(page.getByTestId('bench-progress')).toContainText(/Paused: [1-7] of 8 done, [1-7] to go\./);
  await expect(page.getByTestId('bench-run-message')).toContainText('reloaded during the run');
  const before = await page.locator('[data-testid="bench-all-row"] [data-col="correct"]').innerText();
  const doneBefore = Number(before.split('/')[1]);
  expect(doneBefore).toBeGreaterThanOrEqual(1);
  await shot(page, '04-paused-after-reload');

  // Export now holds exactly the finished questions; keep their finish times to check they are not redone.
  const partial = page.waitForEvent('download');
  await page.getByTestId('bench-export-json').click();
  const first = JSON.parse(readFileSync(await (await partial).path(), 'utf8'));
  expect(first.results).toHaveLength(doneBefore);

  await page.getByTestId('bench-resume').click();
  await expect(page.getByTestId('bench-progress')).toContainText('Finished: 8 of 8 questions.', { timeout: 120_000 });
  await expect(page.locator('[data-testid="bench-all-row"] [data-col="correct"]')).toHaveText('8 / 8');
  await expect(page.locator('[data-testid="bench-task-row"]')).toHaveCount(8);
  const done = page.waitForEvent('download');
  await page.getByTestId('bench-export-json').click();
  const all = JSON.parse(readFileSync(await (await done).path(), 'utf8'));
  expect(all.results).toHaveLength(8);
  expect(new Set(all.results.map((r: { id: string }) => r.id)).size).toBe(8);
  // The questions finished before the reload are the same rows, not asked again.
  expect(all.results.slice(0, doneBefore)).toEqual(first.results);
  await shot(page, '05-resumed-finished');
});

test('hostile text in a benchmark or replay file is shown as text, never run', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?view=benchmark');
  await page.getByTestId('bench-url').fill('fixtures/bench/no-such-file.jsonl');
  await page.getByRole('button', { name: 'Load' }).first().click();
  await expect(page.getByTestId('bench-error')).toHaveText('fixtures/bench/no-such-file.jsonl could not be loaded (404 Not Found).');
  await page.getByTestId('bench-url').fill(fixtureUrl(page, 'hostile.jsonl'));
  await page.getByRole('button', { name: 'Load' }).first().click();
  await expect(page.getByTestId('bench-dataset')).toContainText('2 questions in 2 tasks');
  await expect(page.getByTestId('bench-tasks')).toContainText('<img src=x onerror=alert(1)>');
  await page.getByTestId('bench-replays-url').fill(fixtureUrl(page, 'hostile.replays.jsonl'));
  await page.getByRole('button', { name: 'Load' }).nth(1).click();
  await page.getByTestId('bench-start').click();
  await expect(page.getByTestId('bench-progress')).toContainText('Finished: 2 of 2', { timeout: 60_000 });
  await page.getByText('Questions (2)').click();
  const questions = page.getByTestId('bench-questions');
  await expect(questions).toContainText('<b>evil</b>/2');
  await expect(questions).toContainText('5 <img src=x onerror="window.__pwned = 2"> <script>window.__pwned = 1</script>');
  await expect(page.locator('[data-testid="bench-task-row"]').first()).toContainText('<img src=x onerror=alert(1)>');
  await shot(page, '06-hostile');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});
