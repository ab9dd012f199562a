import { describe, expect, it } from 'vitest';
import { commonPrefixLength, planPrefill } from '../../../workers/llm/kv-plan';

describe('commonPrefixLength', () => {
  it('counts equal leading ids', () => {
    expect(commonPrefixLength([1, 2, 3], [1, 2, 4])).toBe(2);
    expect(commonPrefixLength([], [1])).toBe(0);
    expect(commonPrefixLength([1, 2], [1, 2, 3])).toBe(2);
  });
});

describe('planPrefill', () => {
  it('prefills everything into an empty cache', () => {
    expect(planPrefill([], [1, 2, 3], true)).toEqual({ reset: false, rollback: 0, keep: 0, prefill: [1, 2, 3] });
  });
  it('prefills only the new tokens when the prompt extends the cache', () => {
    expect(planPrefill([1, 2, 3], [1, 2, 3, 4, 5], true)).toEqual({ reset: false, rollback: 0, keep: 3, prefill: [4, 5] });
  });
  it('rolls back to the longest common prefix', () => {
    expect(planPrefill([1, 2, 3, 9, 9], [1, 2, 3, 4], true)).toEqual({ reset: false, rollback: 2, keep: 3, prefill: [4] });
  });
  it('re-forwards the last token when the prompt equals the cache (sampling needs its logits)', () => {
    expect(planPrefill([1, 2, 3], [1, 2, 3], true)).toEqual({ reset: false, rollback: 1, keep: 2, prefill: [3] });
  });
  it('resets instead of rolling back when the runtime cannot pop', () => {
    expect(planPrefill([1, 2, 3, 9], [1, 2, 3, 4], false)).toEqual({ reset: true, rollback: 0, keep: 0, prefill: [1, 2, 3, 4] });
  });
  it('still extends without popping when rollback is unsupported', () => {
    expect(planPrefill([1, 2], [1, 2, 3], false)).toEqual({ reset: false, rollback: 0, keep: 2, prefill: [3] });
  });
  it('resets rather than popping everything when nothing is shared', () => {
    expect(planPrefill([7, 8], [1, 2], true)).toEqual({ reset: true, rollback: 0, keep: 0, prefill: [1, 2] });
  });
  it('refuses an empty prompt', () => {
    expect(() => planPrefill([], [], true)).toThrow(/no tokens/);
  });
});
