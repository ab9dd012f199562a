import { describe, expect, it } from 'vitest';
import { ReplayEngine } from '../../../src/engines/replay';
import { makeRequest } from './helpers';

const ROUND_1 = 'Let me compute.\n```python\nprint(6 * 4)\n```\nthis tail is discarded by the loop';
const ROUND_2 = 'The output is 24.\n<<<24>>>';

function engine(options = {}) {
  return new ReplayEngine({ title: 'Demo', rounds: [ROUND_1, ROUND_2] }, options);
}

describe('ReplayEngine', () => {
  it('is labelled as a recording', () => {
    const replay = engine();
    expect(replay.kind).toBe('replay');
    expect(replay.isRecording).toBe(true);
    expect(replay.label).toBe('Recording: Demo');
    expect(new ReplayEngine({ rounds: ['x'] }, { name: 'game24' }).label).toBe('Recording: game24');
  });

  it('streams round i of the recording in small chunks and ends with eos', async () => {
    const request = makeRequest({ round: 1 });
    const result = await engine().generate(request);
    expect(request.deltas.join('')).toBe(ROUND_2);
    expect(request.deltas.length).toBeGreaterThan(3);
    expect(Math.max(...request.deltas.map((d) => d.length))).toBeLessThanOrEqual(6);
    expect(result.finish).toBe('eos');
    expect(result.usage).toEqual({ completionTokens: Math.ceil(ROUND_2.length / 4), estimated: true });
  });

  it('splits fences across chunks for some seed, and the same seed chunks the same way', async () => {
    const chunkings: string[][] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const request = makeRequest();
      await engine({ seed }).generate(request);
      chunkings.push(request.deltas);
    }
    const splitsFence = chunkings.some((deltas) => deltas.some((d) => /`$/.test(d) || /^`/.test(d)) && !deltas.includes('```'));
    expect(splitsFence).toBe(true);
    expect(new Set(chunkings.map((d) => d.join('|'))).size).toBeGreaterThan(1);
    const again = makeRequest();
    await engine({ seed: 7 }).generate(again);
    expect(again.deltas).toEqual(chunkings[6]);
  });

  it('honours chunk size bounds', async () => {
    const request = makeRequest();
    await engine({ minChunk: 3, maxChunk: 3 }).generate(request);
    expect(request.deltas.slice(0, -1).every((d) => d.length === 3)).toBe(true);
  });

  it('stops at once when onText returns false, counting tokens to that point', async () => {
    const seen: string[] = [];
    const request = makeRequest({
      onText: (delta) => {
        seen.push(delta);
        return !seen.join('').includes('```\n');
      },
    });
    const result = await engine({ minChunk: 1, maxChunk: 1 }).generate(request);
    const kept = seen.join('');
    expect(result.finish).toBe('stop');
    expect(kept).toBe(ROUND_1.slice(0, ROUND_1.indexOf('```\n', ROUND_1.indexOf('print')) + 4));
    expect(result.usage.completionTokens).toBe(Math.ceil(kept.length / 4));
  });

  it('finishes "aborted" when the signal fires mid-stream', async () => {
    const controller = new AbortController();
    const request = makeRequest({
      signal: controller.signal,
      onText: (delta) => {
        request.deltas.push(delta);
        if (request.deltas.length === 2) controller.abort();
      },
    });
    const result = await engine().generate(request);
    expect(result.finish).toBe('aborted');
    expect(request.deltas.length).toBe(2);
  });

  it('finishes "aborted" without text when already aborted', async () => {
    const request = makeRequest({ signal: AbortSignal.abort() });
    expect((await engine().generate(request)).finish).toBe('aborted');
    expect(request.deltas).toEqual([]);
  });

  it('honours abort during the per-chunk delay', async () => {
    const controller = new AbortController();
    const request = makeRequest({ signal: controller.signal });
    const pending = engine({ chunkDelayMs: 60_000 }).generate(request);
    setTimeout(() => controller.abort(), 5);
    const result = await pending;
    expect(result.finish).toBe('aborted');
    expect(request.deltas).toEqual([]);
  });

  it('streams with a delay between chunks when asked', async () => {
    const request = makeRequest({ round: 1 });
    const result = await engine({ chunkDelayMs: 1 }).generate(request);
    expect(result.finish).toBe('eos');
    expect(request.deltas.join('')).toBe(ROUND_2);
  });

  it('stops at maxTokens (4 characters each) with finish "length"', async () => {
    const request = makeRequest({ maxTokens: 5 });
    const result = await engine().generate(request);
    expect(request.deltas.join('')).toBe(ROUND_1.slice(0, 20));
    expect(result).toEqual({ finish: 'length', usage: { completionTokens: 5, estimated: true } });
    const none = makeRequest({ maxTokens: 0 });
    expect((await engine().generate(none)).finish).toBe('length');
    expect(none.deltas).toEqual([]);
  });

  it('returns eos with no text for a round past the last one', async () => {
    const request = makeRequest({ round: 2 });
    const result = await engine().generate(request);
    expect(result).toEqual({ finish: 'eos', usage: { completionTokens: 0, estimated: true } });
    expect(request.deltas).toEqual([]);
  });

  it('never splits a surrogate pair', async () => {
    const text = '😀'.repeat(40);
    for (let seed = 1; seed <= 5; seed++) {
      const request = makeRequest();
      await new ReplayEngine({ rounds: [text] }, { seed }).generate(request);
      expect(request.deltas.every((d) => !/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(d))).toBe(true);
      expect(request.deltas.join('')).toBe(text);
    }
  });
});
