import { describe, expect, it } from 'vitest';
import { applyLoopEvent } from '../../../src/app/state/session';
import { formatDuration, formatRate, sessionStats } from '../../../src/app/state/stats';
import { makeSession } from './helpers';

describe('sessionStats', () => {
  it('uses engine usage (tokens over decode time) when reported', () => {
    const s = makeSession();
    applyLoopEvent(s, { type: 'round-start', round: 0 }, 0);
    applyLoopEvent(s, { type: 'text', round: 0, delta: 'a' }, 10);
    applyLoopEvent(s, { type: 'exec-start', round: 0, code: 'x' }, 500);
    applyLoopEvent(s, { type: 'usage', round: 0, usage: { completionTokens: 100, promptTokens: 300, decodeMs: 2000 } }, 600);
    applyLoopEvent(s, { type: 'round-start', round: 1 }, 700);
    applyLoopEvent(s, { type: 'usage', round: 1, usage: { completionTokens: 50, promptTokens: 20, cachedPromptTokens: 300, decodeMs: 1000 } }, 800);
    const stats = sessionStats(s, 900);
    expect(stats).toMatchObject({ rounds: 2, codeCalls: 1, completionTokens: 150, promptTokensPerRound: [300, 20], estimated: false });
    expect(stats.tokensPerSecond).toBeCloseTo(50);
    expect(stats.perRound).toEqual([
      { round: 0, promptTokens: 300, cachedPromptTokens: undefined, prefillTokensPerSecond: undefined, decodeTokensPerSecond: 49.5 },
      { round: 1, promptTokens: 20, cachedPromptTokens: 300, prefillTokensPerSecond: undefined, decodeTokensPerSecond: 49 },
    ]);
  });

  it('gives prefill and decode speed per round when the engine timed them', () => {
    const s = makeSession();
    applyLoopEvent(s, { type: 'round-start', round: 0 }, 0);
    applyLoopEvent(s, { type: 'usage', round: 0, usage: { completionTokens: 11, promptTokens: 400, prefillMs: 500, decodeMs: 1000 } }, 10);
    expect(sessionStats(s, 20).perRound).toEqual([{ round: 0, promptTokens: 400, cachedPromptTokens: undefined, prefillTokensPerSecond: 800, decodeTokensPerSecond: 10 }]);
    // A recording's estimated usage gives no per-round figures.
    const rec = makeSession();
    applyLoopEvent(rec, { type: 'round-start', round: 0 }, 0);
    applyLoopEvent(rec, { type: 'usage', round: 0, usage: { completionTokens: 5, estimated: true } }, 1);
    expect(sessionStats(rec, 2).perRound).toEqual([]);
  });

  it('estimates live speed from text pieces over generation time, excluding Python time', () => {
    const s = makeSession();
    applyLoopEvent(s, { type: 'round-start', round: 0 }, 0);
    for (let i = 0; i < 20; i++) applyLoopEvent(s, { type: 'text', round: 0, delta: 'x' }, 50 * i);
    applyLoopEvent(s, { type: 'code', round: 0, code: 'x', language: 'python' }, 1000);
    applyLoopEvent(s, { type: 'exec-start', round: 0, code: 'x' }, 1000);
    // 9 s of Python: not generation time.
    const stats = sessionStats(s, 10_000);
    expect(stats.completionTokens).toBe(20);
    expect(stats.tokensPerSecond).toBeCloseTo(20);
    expect(stats.estimated).toBe(true);
    expect(stats.promptTokensPerRound).toEqual([undefined]);
  });

  it('counts a still-generating round up to now', () => {
    const s = makeSession();
    applyLoopEvent(s, { type: 'round-start', round: 0 }, 0);
    applyLoopEvent(s, { type: 'text', round: 0, delta: 'x' }, 100);
    expect(sessionStats(s, 500).tokensPerSecond).toBeCloseTo(2);
    expect(sessionStats(makeSession(), 0).tokensPerSecond).toBeNull();
  });

  it('marks a recording as estimated and gives it no speed: its playback pace is no model speed', () => {
    const s = makeSession({ source: { kind: 'recording', label: 'demo', origin: 'demos/x.json' } });
    applyLoopEvent(s, { type: 'round-start', round: 0 }, 0);
    applyLoopEvent(s, { type: 'text', round: 0, delta: 'x' }, 100);
    expect(sessionStats(s, 500).completionTokens).toBe(1);
    expect(sessionStats(s, 500).tokensPerSecond).toBeNull();
    expect(sessionStats(s, 500).estimated).toBe(true);
  });

  it('formats figures for people', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(12.345)).toBe('12.3');
    expect(formatRate(123.4)).toBe('123');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(2400)).toBe('2.4 s');
    expect(formatDuration(65_000)).toBe('1 min 05 s');
    expect(formatDuration(undefined)).toBe('');
  });
});
