import { describe, expect, it } from 'vitest';
import { applyRepetitionPenalty, applyTopK, CpuSamplingProcessor, kthLargest, MASKED_LOGIT, needsCpuSampling, samplingProblem } from '../../../workers/llm/sampling';

const QWEN = { temperature: 0.6, topP: 0.8, topK: 20, repetitionPenalty: 1.05 };

describe('repetition penalty (HF semantics)', () => {
  it('divides positive and multiplies negative logits of seen tokens only', () => {
    const logits = new Float32Array([2, -2, 2]);
    applyRepetitionPenalty(logits, [0, 1], 2);
    expect([...logits]).toEqual([1, -4, 2]);
  });
});

describe('top-k', () => {
  it('finds the k-th largest value', () => {
    expect(kthLargest(new Float32Array([5, 1, 4, 2, 3]), 2)).toBe(4);
  });
  it('masks everything below the k-th largest, keeping ties', () => {
    const logits = new Float32Array([5, 1, 4, 4, 3]);
    applyTopK(logits, 2);
    expect([...logits]).toEqual([5, MASKED_LOGIT, 4, 4, MASKED_LOGIT]);
  });
  it('does nothing for k = 0 or k >= vocabulary', () => {
    const logits = new Float32Array([1, 2]);
    applyTopK(logits, 0);
    applyTopK(logits, 2);
    expect([...logits]).toEqual([1, 2]);
  });
  it('masks with a finite value (WGSL may assume no infinities)', () => {
    expect(Number.isFinite(MASKED_LOGIT)).toBe(true);
  });
});

describe('CpuSamplingProcessor', () => {
  it('penalises prompt tokens and tokens sampled since, then keeps the top k', () => {
    const p = new CpuSamplingProcessor();
    p.begin({ ...QWEN, topK: 2, repetitionPenalty: 2 }, [0]);
    p.processSampledToken(1);
    const out = p.processLogits(new Float32Array([10, 8, 6, 1]));
    // 10 -> 5 and 8 -> 4 after the penalty: 6 is now the best, 5 second.
    expect([...out]).toEqual([5, MASKED_LOGIT, 6, MASKED_LOGIT]);
  });
  it('is skipped when neither top-k nor a penalty is asked for', () => {
    expect(needsCpuSampling(QWEN)).toBe(true);
    expect(needsCpuSampling({ ...QWEN, topK: 0, repetitionPenalty: 1 })).toBe(false);
  });
});

describe('samplingProblem', () => {
  it('accepts the protocol defaults and greedy decoding', () => {
    expect(samplingProblem(QWEN)).toBeNull();
    expect(samplingProblem({ ...QWEN, temperature: 0, topK: 0, repetitionPenalty: 1, topP: 1 })).toBeNull();
  });
  it('names settings web-llm would reject mid-answer', () => {
    expect(samplingProblem({ ...QWEN, topP: 0 })).toMatch(/Top-p/);
    expect(samplingProblem({ ...QWEN, temperature: -1 })).toMatch(/Temperature/);
    expect(samplingProblem({ ...QWEN, repetitionPenalty: 0 })).toMatch(/repetition penalty/);
    expect(samplingProblem({ ...QWEN, topK: 2.5 })).toMatch(/Top-k/);
  });
});
