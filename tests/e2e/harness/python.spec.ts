/**
 * The Python worker and its main-thread client in real Chromium. The same tests run in the "harness"
 * project (no cross-origin isolation: stops restart the worker) and in "harness-isolated" (COOP/COEP:
 * SharedArrayBuffer exists, stops interrupt the script and keep the worker).
 */
import { expect, test } from '@playwright/test';

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

test('the worker runs a script as CPython would run a file', async ({ page }) => {
  await page.goto('tests/harness/python.html');
  const info = await page.evaluate(() => window.py.start());
  expect(info.pythonVersion).toMatch(/^3\.14\./);
  expect(await page.evaluate(() => window.py.stages)).toEqual(['spawning', 'loading-runtime', 'starting-python', 'ready']);

  const result = await page.evaluate(() => window.py.run('import sys\nprint("hello", __name__)\nprint("careful", file=sys.stderr)\n{}["k"]'));
  expect(result.status).toBe('error');
  expect(result.stdout).toBe('hello __main__\n');
  expect(result.stderr).toBe(
    'careful\nTraceback (most recent call last):\n  File "/tmp/script.py", line 4, in <module>\n    {}["k"]\n    ~~^^^^^\nKeyError: \'k\'\n',
  );
  expect(result.live.stdout).toBe('hello __main__\n');

  const missing = await page.evaluate(() => window.py.run('import numpy'));
  expect(missing.stderr).toMatch(/ModuleNotFoundError: No module named 'numpy' \(could not download the package from http:\/\/127\.0\.0\.1:5199\/numpy-.*\.whl: network unreachable\)\n$/);
});

test('a `while True` loop is stopped at the time limit, and the next script runs', async ({ page }) => {
  await page.goto('tests/harness/python.html');
  const isolated = await page.evaluate(() => window.py.isolated);
  expect(isolated).toBe(test.info().project.name === 'harness-isolated');
  expect(await page.evaluate(() => window.py.stopMode())).toBe(isolated ? 'interrupt' : 'restart');
  await page.evaluate(() => window.py.start());

  const stopped = await page.evaluate(() => window.py.run('print("spinning", flush=True)\nwhile True:\n    pass', 1500));
  expect(stopped.status).toBe('timeout');
  expect(stopped.stdout).toBe('spinning\n');
  expect(stopped.stoppedBy).toBe(isolated ? 'interrupt' : 'restart');

  const next = await page.evaluate(() => window.py.run('print("spinning" in globals(), 2 ** 10)'));
  expect(next).toMatchObject({ status: 'ok', stdout: 'False 1024\n' });
  // Interrupt keeps the very same worker; restart replaced it.
  expect(await page.evaluate(() => window.py.workerStarts())).toBe(isolated ? 1 : 2);
});

test('a fatal error of the runtime is a crashed result, and the next script gets a fresh worker', async ({ page }) => {
  await page.goto('tests/harness/python.html');
  await page.evaluate(() => window.py.start());
  const crashed = await page.evaluate(() => window.py.run('print("last words", flush=True)\nimport os\nos.abort()'));
  expect(crashed).toMatchObject({ status: 'crashed', crashReason: 'fatal error: the interpreter aborted', stdout: 'last words\n' });
  expect(await page.evaluate(() => window.py.run('print(sum(range(5)))'))).toMatchObject({ status: 'ok', stdout: '10\n' });
  expect(await page.evaluate(() => window.py.workerStarts())).toBe(2);
});
