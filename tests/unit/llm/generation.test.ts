import { describe, expect, it } from 'vitest';
import { CacheState, generateRound, type RoundControl } from '../../../workers/llm/generation';
import { EOS, FakeModel, MERGED_AB } from './fake-model';

const SAMPLING = { temperature: 0.6, topP: 0.8, topK: 20, repetitionPenalty: 1.05 };
const PROMPT = '<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\n';

function control(overrides: Partial<RoundControl> = {}): RoundControl {
  let t = 0;
  return { aborted: () => false, failure: () => undefined, now: () => (t += 10), ...overrides };
}

async function run(model: FakeModel, cache: CacheState, prompt: string, opts: { maxTokens?: number; onText?: (d: string) => boolean | void; control?: RoundControl } = {}) {
  let text = '';
  const outcome = await generateRound(
    model,
    cache,
    { prompt, maxTokens: opts.maxTokens ?? 100, sampling: SAMPLING, eosIds: [EOS] },
    (d) => {
      text += d;
      return opts.onText?.(d);
    },
    opts.control ?? control(),
  );
  // The engine's view of the cache must be exactly what the model holds.
  expect(cache.ids).toEqual(model.kv);
  return { ...outcome, text };
}

function chunks(total: number, size: number): number[] {
  const out: number[] = [];
  for (let left = total; left > 0; left -= size) out.push(Math.min(size, left));
  return out;
}

describe('generateRound', () => {
  it('prefills the whole prompt once, streams the text and stops at end-of-sequence', async () => {
    const model = new FakeModel([]);
    model.willSay('Hi €!');
    const cache = new CacheState();
    const r = await run(model, cache, PROMPT);
    expect(r.text).toBe('Hi €!');
    expect(r.finish).toBe('eos');
    expect(r.usage).toMatchObject({ promptTokens: model.encode(PROMPT).length, cachedPromptTokens: 0, completionTokens: 8, decodeSteps: 7, rolledBackTokens: 0, cacheReset: false });
    expect(r.usage.prefillMs).toBe(10);
    expect(r.usage.decodeMs).toBe(70);
    expect(model.forwards[0]).toEqual({ ids: model.encode(PROMPT), isPrefill: true });
    expect(model.forwards.slice(1).every((f) => f.ids.length === 1 && !f.isPrefill)).toBe(true);
    expect(model.sampling).toEqual(SAMPLING);
  });

  it('resumes the same assistant message after a code run, prefilling only the added tokens', async () => {
    const model = new FakeModel([]);
    const cache = new CacheState();
    model.willSay('```python\nprint(1)\n```\n', false);
    model.willSay('tail the loop will cut');
    let seen = '';
    const first = await run(model, cache, PROMPT, { onText: (d) => ((seen += d), !seen.endsWith('```\n') || false) });
    expect(first.finish).toBe('stop');
    expect(first.text).toBe('```python\nprint(1)\n```\n');

    model.sayNext('So <<<1>>>');
    const resumed = PROMPT + first.text + '\nCode Execution Results: 1\n';
    const before = model.forwards.length;
    const second = await run(model, cache, resumed);
    expect(second.text).toBe('So <<<1>>>');
    // Nothing but new tokens went through the model, and no role marker was added.
    const prefilled = model.forwards[before];
    expect(prefilled.isPrefill).toBe(true);
    expect(model.decode(prefilled.ids)).toBe('\nCode Execution Results: 1\n');
    expect(second.usage.cachedPromptTokens).toBe(model.encode(PROMPT + first.text).length);
    expect(second.usage.promptTokens).toBe(prefilled.ids.length);
    expect(second.usage.cacheReset).toBe(false);
  });

  it('rolls back tokens sampled past the stop point and re-tokenised differently', async () => {
    const model = new FakeModel([]);
    const cache = new CacheState();
    // The model samples "a" then "b" as two tokens; the text "ab" re-encodes as one merged token.
    model.willSay('xab', false);
    model.willSay('zz');
    const first = await run(model, cache, PROMPT, { onText: (d) => d !== 'b' });
    expect(first.finish).toBe('stop');
    const resumed = PROMPT + 'xab';
    const cachedAfterFirst = cache.ids.length;
    const keep = model.encode(PROMPT + 'x').length;
    model.sayNext('ok');
    const second = await run(model, cache, resumed);
    expect(second.text).toBe('ok');
    // The separate "a" and "b" (and any token sampled before the stop was seen) are popped.
    expect(second.usage.rolledBackTokens).toBe(cachedAfterFirst - keep);
    expect(second.usage.rolledBackTokens).toBeGreaterThanOrEqual(2);
    expect(model.popped).toEqual([cachedAfterFirst - keep]);
    expect(second.usage.cachedPromptTokens).toBe(keep);
    expect(model.forwards.at(-3)?.ids).toEqual([MERGED_AB]);
  });

  it('clears the cache and prefills everything when the runtime cannot roll back', async () => {
    const model = new FakeModel([], false);
    const cache = new CacheState();
    model.willSay('abc');
    await run(model, cache, PROMPT);
    model.willSay('new');
    const r = await run(model, cache, PROMPT.replace('Q', 'R'));
    expect(r.usage).toMatchObject({ cacheReset: true, cachedPromptTokens: 0, promptTokens: model.encode(PROMPT).length });
    expect(r.text).toBe('new');
  });

  it('starts a new question by reusing the shared system prefix only', async () => {
    const model = new FakeModel([]);
    const cache = new CacheState();
    model.willSay('one');
    await run(model, cache, PROMPT);
    model.willSay('two');
    const r = await run(model, cache, PROMPT.replace('Q', 'Z'));
    expect(r.usage.cachedPromptTokens).toBe(PROMPT.indexOf('Q'));
    expect(r.text).toBe('two');
  });

  it('stops at maxTokens with finish "length"', async () => {
    const model = new FakeModel([]);
    model.willSay('abcdefgh');
    const r = await run(model, new CacheState(), PROMPT, { maxTokens: 3 });
    expect(r).toMatchObject({ finish: 'length', text: 'abc' });
    expect(r.usage.completionTokens).toBe(3);
  });

  it('stops when the context window is full, and does not start when the prompt fills it', async () => {
    const promptLen = new FakeModel([]).encode(PROMPT).length;
    const model = new FakeModel([], true, promptLen + 2);
    model.willSay('abcdefgh');
    const cache = new CacheState();
    const r = await run(model, cache, PROMPT);
    expect(r.finish).toBe('length');
    expect(model.kv.length).toBeLessThanOrEqual(promptLen + 2);
    const full = await run(model, cache, PROMPT + 'x'.repeat(10));
    expect(full).toMatchObject({ finish: 'length', usage: { completionTokens: 0, promptTokens: 0 } });
  });

  it('prefills a long prompt in chunks, and an abort between chunks leaves a usable cache', async () => {
    const model = new FakeModel([]);
    model.prefillChunkSize = 8;
    model.willSay('ok');
    const cache = new CacheState();
    const promptIds = model.encode(PROMPT);
    const r = await run(model, cache, PROMPT);
    expect(model.forwards.filter((f) => f.isPrefill).map((f) => f.ids.length)).toEqual(chunks(promptIds.length, 8));
    expect(r.usage.promptTokens).toBe(promptIds.length);

    const other = new FakeModel([]);
    other.prefillChunkSize = 8;
    const fresh = new CacheState();
    const aborted = await run(other, fresh, PROMPT, { control: control({ aborted: () => other.forwards.length >= 2 }) });
    expect(aborted).toMatchObject({ finish: 'aborted', usage: { promptTokens: 16, completionTokens: 0 } });
    other.sayNext('go');
    const resumed = await run(other, fresh, PROMPT);
    expect(resumed.usage.cachedPromptTokens).toBe(16);
    expect(resumed.text).toBe('go');
  });

  it('ends with finish "aborted" when the signal fires between tokens', async () => {
    const model = new FakeModel([]);
    model.willSay('abcdefgh');
    let tokens = 0;
    const r = await run(model, new CacheState(), PROMPT, { onText: () => void tokens++, control: control({ aborted: () => tokens >= 2 }) });
    expect(r.finish).toBe('aborted');
    expect(r.text.length).toBeLessThan(8);
  });

  it('surfaces a device loss noticed between tokens as the named error', async () => {
    const model = new FakeModel([]);
    model.willSay('abcdefgh');
    let tokens = 0;
    const lost = Object.assign(new Error('lost'), { name: 'GPUDeviceLostError' });
    const err = await generateRound(model, new CacheState(), { prompt: PROMPT, maxTokens: 50, sampling: SAMPLING, eosIds: [EOS] }, () => void tokens++, control({ failure: () => (tokens >= 2 ? lost : undefined) })).catch((e) => e);
    expect(err.name).toBe('GPUDeviceLostError');
  });

  it('after a forward fails half-way, the next call starts from a cleared cache', async () => {
    const model = new FakeModel([]);
    const cache = new CacheState();
    model.willSay('abc');
    await run(model, cache, PROMPT);
    model.failNextForward = true;
    await expect(generateRound(model, cache, { prompt: PROMPT + 'abc!', maxTokens: 5, sampling: SAMPLING, eosIds: [EOS] }, () => {}, control())).rejects.toThrow('GPU error');
    expect(cache.dirty).toBe(true);
    model.willSay('fine');
    const r = await run(model, cache, PROMPT + 'abc!');
    expect(r.usage.cacheReset).toBe(true);
    expect(r.text).toBe('fine');
  });
});
