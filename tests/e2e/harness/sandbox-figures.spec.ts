/**
 * Figures for the sandbox (printed, never asserted): start to ready, a harmless script, a stop at the
 * time limit and the first script after it, and how long a script takes to hit the memory ceiling.
 * Run: npx playwright test tests/e2e/harness/sandbox-figures.spec.ts
 */
import { expect, test } from '@playwright/test';

test.setTimeout(240_000);

test('sandbox figures', async ({ page }) => {
  await page.goto('tests/harness/sandbox.html');
  const figures = await page.evaluate(async () => {
    const ms = (t: number) => Math.round(performance.now() - t);
    let t = performance.now();
    await window.sb.start();
    const ready = ms(t);
    t = performance.now();
    await window.sb.run('print(1)');
    const harmless = ms(t);
    const stop = await window.sb.run('while True:\n    pass', 1000);
    t = performance.now();
    await window.sb.run('print(1)');
    const afterStop = ms(t);
    const memory = await window.sb.run('x = []\nwhile True:\n    x.append(bytearray(10**7))', 60_000);
    return {
      ready,
      harmless,
      stopOverrunMs: Math.round(stop.durationMs - 1000),
      stoppedBy: stop.stoppedBy,
      afterStop,
      memoryCeilingMs: Math.round(memory.durationMs),
      memoryStatus: memory.stderr.trim().split('\n').pop(),
    };
  });
  console.log(`sandbox figures [${test.info().project.name}]: ${JSON.stringify(figures)}`);
  expect(figures.memoryStatus).toBe('MemoryError');
});

test('start-up without the sandbox, for comparison', async ({ page }) => {
  await page.goto('tests/harness/sandbox.html?mode=unsandboxed');
  const ready = await page.evaluate(async () => {
    const t = performance.now();
    await window.sb.start();
    return Math.round(performance.now() - t);
  });
  console.log(`unsandboxed start [${test.info().project.name}]: ready ${ready} ms`);
  expect(ready).toBeGreaterThan(0);
});
