/**
 * Figures for the CPU side of the WebGPU engine (real inference cannot run on machines without a GPU
 * and model files; the GPU's prefill/decode speed is reported per round by the engine itself).
 *   npx tsx scripts/bench-llm.ts
 * Prints: the cost per generated token of the CPU sampling pass (repetition penalty over the context +
 * top-k over Qwen2.5's 151,936 logits), and of planning KV-cache reuse over an 8k-token context.
 */
import { planPrefill } from '../workers/llm/kv-plan';
import { CpuSamplingProcessor } from '../workers/llm/sampling';

const VOCAB = 151_936;
const CONTEXT = 4_000;

function time(label: string, runs: number, fn: () => void): void {
  for (let i = 0; i < 5; i++) fn(); // warm up the JIT
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = (performance.now() - start) / runs;
  console.log(`${label}: ${ms.toFixed(3)} ms`);
}

const logits = new Float32Array(VOCAB);
const fresh = () => {
  for (let i = 0; i < VOCAB; i++) logits[i] = Math.sin(i * 12.9898) * 10;
};
const context = Array.from({ length: CONTEXT }, (_, i) => (i * 7919) % VOCAB);
const processor = new CpuSamplingProcessor();
processor.begin({ temperature: 0.6, topP: 0.8, topK: 20, repetitionPenalty: 1.05 }, context);

time('refill logits (baseline, subtract from the next line)', 200, fresh);
time(`CPU sampling pass per token (penalty over ${CONTEXT} tokens + top-20 of ${VOCAB})`, 200, () => {
  fresh();
  processor.processLogits(logits);
});

const cached = Array.from({ length: 8_000 }, (_, i) => i % 5000);
const prompt = [...cached.slice(0, 7_900), ...Array.from({ length: 300 }, (_, i) => 90_000 + i)];
time('planPrefill over an 8k-token cache', 1000, () => void planPrefill(cached, prompt, true));
