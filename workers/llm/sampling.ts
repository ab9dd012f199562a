/**
 * The sampling web-llm cannot do itself. Its sampler (0.2.86, `sampleFromRawLogits`) applies, in
 * order: a CPU logit processor, logit_bias, presence/frequency/repetition penalties over the tokens it
 * generated itself, softmax with temperature, then top-p. It has no top-k, and its penalties only count
 * tokens generated through its chat API, which `forwardTokensAndSample` (the path that keeps the KV
 * cache) never records, so its repetition penalty would silently do nothing.
 *
 * So this processor does both on the CPU, as Hugging Face's `generate` does with Qwen2.5's
 * generation_config (repetition_penalty 1.05, top_k 20): the penalty over every token in the context
 * (prompt and generated), then top-k. Temperature and top-p stay on the GPU (same order as HF).
 * The cost is one copy of the logits (151,936 floats for Qwen2.5) to the CPU and back per token.
 */
import type { SamplingValues } from '../../models/protocol';

/** Masked logits: very negative but finite, since WGSL may assume no infinities. */
export const MASKED_LOGIT = Math.fround(-1e30);

/** HF's RepetitionPenaltyLogitsProcessor: positive logits divided by the penalty, negative ones multiplied. */
export function applyRepetitionPenalty(logits: Float32Array, tokens: Iterable<number>, penalty: number): void {
  if (penalty === 1) return;
  for (const id of tokens) {
    if (id < 0 || id >= logits.length) continue;
    const value = logits[id];
    logits[id] = value > 0 ? value / penalty : value * penalty;
  }
}

/** Keeps the k highest logits (and any tied with the k-th), masks the rest. k <= 0 or >= length: no-op. */
export function applyTopK(logits: Float32Array, k: number): void {
  if (k <= 0 || k >= logits.length) return;
  const threshold = kthLargest(logits, k);
  for (let i = 0; i < logits.length; i++) if (logits[i] < threshold) logits[i] = MASKED_LOGIT;
}

/** The k-th largest value, with a size-k min-heap: O(n log k), about 1 ms for 152k logits and k = 20. */
export function kthLargest(values: Float32Array, k: number): number {
  const heap = new Float32Array(k);
  let size = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (size < k) {
      heap[size] = v;
      siftUp(heap, size++);
    } else if (v > heap[0]) {
      heap[0] = v;
      siftDown(heap, size);
    }
  }
  return heap[0];
}

function siftUp(heap: Float32Array, i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent] <= heap[i]) return;
    [heap[parent], heap[i]] = [heap[i], heap[parent]];
    i = parent;
  }
}

function siftDown(heap: Float32Array, size: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < size && heap[l] < heap[m]) m = l;
    if (r < size && heap[r] < heap[m]) m = r;
    if (m === i) return;
    [heap[m], heap[i]] = [heap[i], heap[m]];
    i = m;
  }
}

/** Whether the CPU pass is needed at all for these settings (else the copy per token is skipped). */
export function needsCpuSampling(sampling: SamplingValues): boolean {
  return sampling.repetitionPenalty !== 1 || sampling.topK > 0;
}

/**
 * web-llm's LogitProcessor interface, filled by this app. `begin` sets the settings and the context
 * for one call; web-llm calls `processSampledToken` after each sampled token, which joins the context.
 */
export class CpuSamplingProcessor {
  private seen = new Set<number>();
  private penalty = 1;
  private topK = 0;

  begin(sampling: SamplingValues, contextIds: readonly number[]): void {
    this.penalty = sampling.repetitionPenalty;
    this.topK = sampling.topK;
    this.seen = new Set(contextIds);
  }

  processLogits(logits: Float32Array): Float32Array {
    applyRepetitionPenalty(logits, this.seen, this.penalty);
    applyTopK(logits, this.topK);
    return logits;
  }

  processSampledToken(token: number): void {
    this.seen.add(token);
  }

  resetState(): void {
    this.seen.clear();
  }
}

/** Settings web-llm's sampler would reject mid-answer, refused up front in words (null when valid). */
export function samplingProblem(sampling: SamplingValues): string | null {
  if (!(sampling.temperature >= 0)) return 'Temperature must be 0 or more.';
  if (!(sampling.topP > 0 && sampling.topP <= 1)) return 'Top-p must be above 0 and at most 1.';
  if (!(sampling.repetitionPenalty > 0)) return 'The repetition penalty must be above 0 (1 means none).';
  if (!(Number.isInteger(sampling.topK) && sampling.topK >= 0)) return 'Top-k must be a whole number, 0 for none.';
  return null;
}
