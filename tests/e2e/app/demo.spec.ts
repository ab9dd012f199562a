import { expect, test, type Worker } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { screenshot, streamedText, waitForSessionEnd, watchErrors } from './helpers';

test('a demo plays end to end: question, streamed text, Python run in the worker, output, answer card', async ({ page }) => {
  const errors = watchErrors(page);
  const workers: Worker[] = [];
  page.on('worker', (w) => workers.push(w));
  await page.goto('./?demo=game24');
  await expect(page.getByTestId('recording-badge')).toBeVisible();
  await expect(page.getByTestId('question')).toContainText('1 2 2 6');
  const rounds = page.getByTestId('rounds');
  // Text streams in: first a little, later more.
  await expect(rounds).toContainText('To obtain 24');
  await screenshot(page, '05-demo-streaming');
  const cell = page.locator('r1ci-code-cell').first();
  await expect(cell).toContainText('def solve(items)');
  // The printed expression is computed by Pyodide, not stored in the recording's first round.
  await expect(cell.getByLabel('Python output')).toContainText('((1+2)*(2+6))', { timeout: 60_000 });
  await expect(cell).toContainText('ran');
  // The exact results text appended to the model's message is there to inspect.
  await cell.getByText('What the model was shown').click();
  await expect(cell.locator('details.seen pre')).toContainText('Code Execution Results: ((1+2)*(2+6))');
  await waitForSessionEnd(page);
  await expect(page.getByTestId('answer')).toHaveText('((1+2)*(2+6))');
  await expect(page.getByTestId('session-status')).toHaveText('Answered.');
  await expect(page.getByTestId('stat-code-calls')).toHaveText('1');
  await screenshot(page, '06-demo-answered');
  // The JSON export carries the recording label and is itself a replay file of what was shown.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the session as a JSON file' }).click();
  const file = await (await download).path();
  const data = JSON.parse(readFileSync(file, 'utf8'));
  expect(data).toMatchObject({ format: 'r1ci-session', recording: true, answer: '((1+2)*(2+6))' });
  expect(data.rounds).toHaveLength(2);
  const md = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the session as a Markdown file' }).click();
  expect(readFileSync(await (await md).path(), 'utf8')).toMatch(/^# .*\n\n> \*\*Recording/);
  // The Python ran in the worker the client names "python…"; the page itself never loaded Pyodide.
  const names = await Promise.all(workers.map((w) => w.evaluate(() => self.name).catch(() => '')));
  expect(names.some((name) => name.startsWith('python'))).toBe(true);
  expect(await page.evaluate(() => 'loadPyodide' in globalThis || 'pyodide' in globalThis)).toBe(false);
  expect(errors).toEqual([]);
});

test('Stop ends a demo mid-stream and keeps what streamed', async ({ page }) => {
  await page.goto('./?demo=game24');
  await expect(page.getByTestId('rounds')).toContainText('To obtain 24');
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('session-status')).toHaveText('Stopped by the user.');
  const text = await streamedText(page);
  expect(text).toContain('To obtain 24');
  // Nothing more arrives after the stop.
  await page.waitForTimeout(500);
  expect(await streamedText(page)).toBe(text);
  await expect(page.getByTestId('answer')).toHaveCount(0);
  await expect(page.getByTestId('ask')).toBeVisible();
  await screenshot(page, '07-demo-stopped');
});

test('a reload restores the conversations, one cut off mid-stream as interrupted with its partial text', async ({ page }) => {
  await page.goto('./?demo=new-operator');
  await waitForSessionEnd(page);
  const answer = await page.getByTestId('answer').innerText();

  await page.goto('./?demo=game24');
  await expect(page.getByTestId('rounds')).toContainText('systematically');
  const partial = await streamedText(page);
  // Give the throttled saver a moment, then reload in the middle of the answer.
  await page.waitForTimeout(700);
  await page.goto('./');
  const list = page.getByTestId('conversation-list');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText('interrupted');
  await list.getByRole('button', { name: /Open: .*24/ }).click();
  await expect(page.getByTestId('session-status')).toContainText('Interrupted');
  // Everything that had streamed before the reload is back (the saver may have caught a little more).
  expect(await streamedText(page)).toContain(partial.slice(0, partial.length - 50));
  await expect(page.getByTestId('recording-badge')).toBeVisible();
  await screenshot(page, '08-restored-interrupted');

  await list.getByRole('button', { name: /Open: .*operator|Open: .*&/ }).click();
  await expect(page.getByTestId('answer')).toHaveText(answer);
});

test('long Python output is cut in view with a way to expand, and the cut the runner made is said', async ({ page }) => {
  await page.goto('./?replay=/fixtures/app/long-output.json');
  await waitForSessionEnd(page);
  const cell = page.locator('r1ci-code-cell').first();
  const output = cell.getByLabel('Python output');
  await expect(output).toContainText('line 0');
  await expect(output).not.toContainText('line 40');
  const more = cell.getByRole('button', { name: /Show all output \(\d[\d,]* more characters\)/ });
  await expect(more).toBeVisible();
  // The runner kept only the protocol's capture cap; the rest was counted and is reported as not kept.
  await expect(cell).toContainText('further characters were not kept');
  await screenshot(page, '16-long-output');
  await more.click();
  await expect(output).toContainText('line 100');
  await cell.getByRole('button', { name: 'Show less' }).click();
  await expect(output).not.toContainText('line 100');
});

test('Stop while Python runs ends the script and the session; the next session runs Python again', async ({ page }) => {
  await page.goto('./?replay=/fixtures/app/runaway.json');
  const cell = page.locator('r1ci-code-cell').first();
  await expect(cell).toContainText('running…', { timeout: 60_000 });
  const stop = page.getByTestId('stop');
  await expect(stop).toHaveText('Stop Python');
  await screenshot(page, '19-python-running');
  await stop.click();
  await expect(page.getByTestId('session-status')).toHaveText('Stopped by the user.');
  await expect(cell).toContainText('stopped');
  await expect(page.getByTestId('answer')).toHaveCount(0);

  await page.getByRole('button', { name: /Play the recorded demo: A new operator/ }).first().click();
  await waitForSessionEnd(page);
  await expect(page.getByTestId('session-status')).toHaveText('Answered.');
  await expect(page.locator('r1ci-code-cell').first()).toContainText('ran');
});
