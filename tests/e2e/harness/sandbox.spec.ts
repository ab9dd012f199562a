/**
 * The sandbox's design, checked in real Chromium: the frame's attributes, what the worker can reach
 * once the defence-in-depth layer is off, that the canaries of the red-team suite do see a real escape
 * (control run without the sandbox), the stop mode in each project, and the memory ceiling setting.
 */
import { expect, test } from '@playwright/test';
import { startCanary, type Canary } from './sandbox-canary';

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

let canary: Canary;
test.beforeAll(async () => {
  canary = await startCanary([5993, 5994, 5995, 5996]);
});
test.afterAll(async () => {
  await canary.close();
});

test('Python runs in an opaque-origin frame: scripts only, no same-origin, stops as the page allows', async ({ page }) => {
  await page.goto('tests/harness/sandbox.html');
  const info = await page.evaluate(() => window.sb.start());
  expect(info.pythonVersion).toMatch(/^3\.14\./);
  expect(await page.evaluate(() => window.sb.frames())).toEqual([{ sandbox: 'allow-scripts', allow: 'cross-origin-isolated' }]);
  const isolated = await page.evaluate(() => window.sb.isolated);
  expect(isolated).toBe(test.info().project.name === 'harness-isolated');
  // The frame shares its own interrupt buffer with its worker when the page is isolated.
  expect(info.interruptible).toBe(isolated);
  const stopped = await page.evaluate(() => window.sb.run('while True:\n    pass', 1500));
  expect(stopped).toMatchObject({ status: 'timeout', stoppedBy: isolated ? 'interrupt' : 'restart' });
  expect(await page.evaluate(() => window.sb.run('print(6 * 7)'))).toMatchObject({ status: 'ok', stdout: '42\n' });
  expect(await page.evaluate(() => window.sb.workerStarts())).toBe(isolated ? 1 : 2);
});

test('with the defence-in-depth layer off, the worker sees an opaque origin whose CSP refuses every connection', async ({ page }) => {
  await page.goto('tests/harness/sandbox.html?mode=unhardened');
  await page.evaluate(() => window.sb.start());
  const probe = `import js
print(js.origin, js.crossOriginIsolated)
print(type(js.fetch).__name__, type(js.XMLHttpRequest).__name__)
try:
    x = js.XMLHttpRequest.new()
    x.open('GET', '${canary.url}/xhr', False)
    x.send()
    print('xhr', x.status)
except Exception as e:
    print('xhr refused', type(e).__name__)
try:
    js.indexedDB.open('r1ci-canary')
    print('idb opened')
except Exception as e:
    print('idb refused', type(e).__name__)
try:
    from pyodide.code import run_js
    run_js('1 + 1')
    print('eval ran')
except Exception as e:
    print('eval refused', 'EvalError' in str(e))
js.fetch('${canary.url}/fetch')`;
  const result = await page.evaluate((c) => window.sb.run(c), probe);
  const isolated = await page.evaluate(() => window.sb.isolated);
  expect(result.stdout).toBe(`null ${isolated ? 'True' : 'False'}\nJsProxy JsProxy\nxhr refused JsException\nidb refused JsException\neval refused True\n`);
  await page.waitForTimeout(300);
  expect(canary.hits().connections).toBe(0);
});

test('control: without the sandbox the same fetch reaches the canary (the red-team canaries detect escapes)', async ({ page }) => {
  await page.goto('tests/harness/sandbox.html?mode=unsandboxed');
  await page.evaluate(() => window.sb.start());
  const before = canary.hits().connections;
  const result = await page.evaluate((c) => window.sb.run(c), `import js\njs.fetch('${canary.url}/control')\nprint(js.localStorage is None if hasattr(js, 'localStorage') else 'no localStorage in a worker')`);
  expect(result.status).toBe('ok');
  await expect.poll(() => canary.hits().paths).toContain('/control');
  expect(canary.hits().connections).toBeGreaterThan(before);
});

test('memory ceiling: an allocation past the setting is a MemoryError, below it succeeds, and the runtime lives on', async ({ page }) => {
  await page.goto(`tests/harness/sandbox.html?memory=${256 * 1024 * 1024}`);
  await page.evaluate(() => window.sb.start());
  const big = await page.evaluate(() => window.sb.run('x = bytearray(300 * 1024 * 1024)'));
  expect(big.status).toBe('error');
  expect(big.stderr).toMatch(/MemoryError\n$/);
  const small = await page.evaluate(() => window.sb.run('x = bytearray(100 * 1024 * 1024)\nprint(len(x) // 2**20)'));
  expect(small).toMatchObject({ status: 'ok', stdout: '100\n' });
  expect(await page.evaluate(() => window.sb.workerStarts())).toBe(1);
});
