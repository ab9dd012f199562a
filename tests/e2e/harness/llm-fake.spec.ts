/**
 * The LLM client and the real worker service across a true Worker boundary in Chromium, with web-llm
 * replaced by a stand-in (no model can run here): streamed text, stop, abort, KV reuse figures, and
 * a worker that dies mid-answer.
 */
import { expect, test } from '@playwright/test';

test.setTimeout(120_000);

interface Generated {
  ok: boolean;
  finish?: string;
  usage?: { promptTokens: number; cachedPromptTokens: number; completionTokens: number };
  deltas: string[];
  error?: { name: string; message: string };
}

declare global {
  interface Window {
    fake: {
      workerStarts(): number;
      load(): Promise<unknown>;
      say(text: string): Promise<void>;
      generate(prompt: string, options?: { stopAfter?: string; abortAfterMs?: number; crash?: boolean }): Promise<Generated>;
    };
  }
}

const ANSWER = 'Let me compute.\n```python\nprint(12 * 34 + 5)\n```\n' + 'x'.repeat(300);

test.beforeEach(async ({ page }) => {
  await page.goto('tests/harness/llm-fake.html');
  await page.evaluate(() => window.fake.load());
});

test('text streams through the worker whole, in order, and a stop ends it with nothing after', async ({ page }) => {
  await page.evaluate((a) => window.fake.say(a), ANSWER);
  const full = await page.evaluate(() => window.fake.generate('Q: '));
  expect(full).toMatchObject({ ok: true, finish: 'eos' });
  expect(full.deltas.join('')).toBe(ANSWER);
  console.log(`${ANSWER.length} tokens arrived in ${full.deltas.length} deliveries`);

  await page.evaluate((a) => window.fake.say(a), ANSWER);
  const stopped = await page.evaluate(() => window.fake.generate('Q2: ', { stopAfter: '```\n' }));
  expect(stopped.finish).toBe('stop');
  const text = stopped.deltas.join('');
  expect(text.startsWith('Let me compute.\n```python\nprint(12 * 34 + 5)\n```\n')).toBe(true);
  // Only what was in the last delivered batch may follow the fence.
  expect(text.length - text.indexOf('```\n', 20) - 4).toBeLessThanOrEqual(stopped.deltas.at(-1)!.length);
});

test('the resumed round reuses the cache: only the appended tokens are prefilled', async ({ page }) => {
  await page.evaluate((a) => window.fake.say(a), ANSWER);
  const first = await page.evaluate(() => window.fake.generate('Q: ', { stopAfter: '```\n' }));
  // As the loop does: keep the text up to the closing fence line, drop what came after.
  const text = first.deltas.join('');
  const kept = text.slice(0, text.indexOf('```\n', text.indexOf('```python') + 3) + 4);
  expect(kept.endsWith('print(12 * 34 + 5)\n```\n')).toBe(true);
  const resumed = 'Q: ' + kept + '\nCode Execution Results: 413\n';
  await page.evaluate(() => window.fake.say('<<<413>>>'));
  const second = await page.evaluate((p) => window.fake.generate(p), resumed);
  expect(second).toMatchObject({ ok: true, finish: 'eos' });
  expect(second.deltas.join('')).toBe('<<<413>>>');
  expect(second.usage!.cachedPromptTokens).toBe(('Q: ' + kept).length);
  expect(second.usage!.promptTokens).toBe('\nCode Execution Results: 413\n'.length);
});

test('an abort ends the answer with finish "aborted" and the same worker goes on', async ({ page }) => {
  await page.evaluate((a) => window.fake.say(a.repeat(20)), ANSWER);
  const aborted = await page.evaluate(() => window.fake.generate('Q: ', { abortAfterMs: 30 }));
  expect(aborted).toMatchObject({ ok: true, finish: 'aborted' });
  expect(aborted.deltas.join('').length).toBeLessThan(ANSWER.length * 20);
  await page.evaluate(() => window.fake.say('again'));
  expect((await page.evaluate(() => window.fake.generate('Q: '))).deltas.join('')).toBe('again');
  expect(await page.evaluate(() => window.fake.workerStarts())).toBe(1);
});

test('a worker that dies mid-answer rejects the call with WorkerCrashedError; a new worker serves the next load', async ({ page }) => {
  await page.evaluate((a) => window.fake.say(a.repeat(200)), ANSWER);
  const crashed = await page.evaluate(() => window.fake.generate('Q: ', { crash: true }));
  expect(crashed.ok).toBe(false);
  expect(crashed.error!.name).toBe('WorkerCrashedError');
  expect(crashed.error!.message).toContain('simulated crash in the model worker');
  await page.evaluate(() => window.fake.load());
  await page.evaluate(() => window.fake.say('back'));
  expect((await page.evaluate(() => window.fake.generate('Q: '))).deltas.join('')).toBe('back');
  expect(await page.evaluate(() => window.fake.workerStarts())).toBe(2);
});
