/**
 * One call of the engine: continue a raw ChatML text, reusing the KV cache. Written against the small
 * `TokenModel` interface so the whole algorithm runs in Node tests with a fake model; the web-llm
 * adapter (webllm-model.ts) is the only code that touches the GPU.
 *
 * The prompt is the complete text so far, ending inside the assistant message. Nothing is added to
 * it (no role markers), so a resumed round continues the same message, as the protocol requires.
 */
import type { SamplingValues } from '../../models/protocol';
import type { FinishReason } from '../../src/engines/engine';
import type { LlmUsage } from './contract';
import { IncrementalDetokenizer } from './detokenizer';
import { planPrefill } from './kv-plan';
import { BatchedTextSink, type Deliver } from './text-sink';

export interface TokenModel {
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
  /** Sets the sampling for the following forwards; `contextIds` is the whole prompt (for the repetition penalty). */
  beginRound(sampling: SamplingValues, contextIds: readonly number[]): void;
  /** Appends `ids` to the KV cache and samples the next token from the last position's logits. */
  forward(ids: number[], isPrefill: boolean): Promise<number>;
  /** Appends `ids` to the KV cache; whatever is sampled is discarded and leaves no trace (repetition counts). */
  forwardPrefix(ids: number[]): Promise<void>;
  /** Tokens per prefill pass; a longer prefill is split so an abort is seen between parts. */
  readonly prefillChunkSize: number;
  /** Removes the last `n` tokens from the KV cache; false when the runtime cannot. */
  popN(n: number): boolean;
  /** Empties the KV cache. */
  resetCache(): void;
  readonly canRollback: boolean;
  readonly contextWindow: number;
}

export interface RoundRequest {
  prompt: string;
  maxTokens: number;
  sampling: SamplingValues;
  eosIds: readonly number[];
}

export interface RoundControl {
  /** Polled between tokens. */
  aborted(): boolean;
  /** Polled between tokens: a fatal condition noticed outside the loop (device lost); throw it. */
  failure(): Error | undefined;
  now(): number;
}

export interface RoundOutcome {
  finish: FinishReason;
  usage: LlmUsage;
}

/** What the KV cache holds between calls. `dirty` after a failure mid-forward: contents unknown. */
export class CacheState {
  ids: number[] = [];
  dirty = false;
  /** After a reload or an explicit reset: the next call starts from an empty cache. */
  forget(): void {
    this.ids = [];
    this.dirty = true;
  }
}

export async function generateRound(model: TokenModel, cache: CacheState, request: RoundRequest, deliver: Deliver, control: RoundControl): Promise<RoundOutcome> {
  const usage: LlmUsage = { promptTokens: 0, cachedPromptTokens: 0, completionTokens: 0, decodeSteps: 0, prefillMs: 0, decodeMs: 0, rolledBackTokens: 0, cacheReset: false };
  const promptIds = model.encode(request.prompt);
  // Room left: the prompt plus every forwarded token must fit the window the cache was allocated for.
  const room = model.contextWindow - promptIds.length;
  if (promptIds.length === 0 || room <= 0) return { finish: 'length', usage };
  if (control.aborted()) return { finish: 'aborted', usage };

  if (request.maxTokens <= 0) return { finish: 'length', usage };

  // A dirty cache (a forward failed half-way) holds unknown tokens: plan as if empty, and clear it.
  const plan = planPrefill(cache.dirty ? [] : cache.ids, promptIds, model.canRollback);
  if (cache.dirty || plan.reset) {
    model.resetCache();
    usage.cacheReset = true;
  } else if (plan.rollback > 0 && !model.popN(plan.rollback)) {
    // The runtime refused: fall back to a clean full prefill rather than attend over stale tokens.
    return runFrom(0, true);
  } else {
    usage.rolledBackTokens = plan.rollback;
  }
  return runFrom(plan.keep, false);

  async function runFrom(keep: number, resetFirst: boolean): Promise<RoundOutcome> {
    if (resetFirst) {
      model.resetCache();
      usage.cacheReset = true;
      usage.rolledBackTokens = 0;
    }
    cache.dirty = false;
    cache.ids = promptIds.slice(0, keep);
    const prefill = promptIds.slice(keep);
    usage.cachedPromptTokens = keep;
    usage.promptTokens = prefill.length;
    model.beginRound(request.sampling, promptIds);

    const sink = new BatchedTextSink(deliver);
    const detok = new IncrementalDetokenizer((ids) => model.decode(ids));
    const maxTokens = Math.min(request.maxTokens, room);

    let started = control.now();
    // A long prefill (thousands of tokens on a slow GPU) goes in parts so a stop is seen between them.
    // Mark dirty while the GPU works: if a forward throws, the cache holds an unknown part of the tokens.
    const chunk = Math.max(1, model.prefillChunkSize);
    let done = 0;
    while (prefill.length - done > chunk) {
      const part = prefill.slice(done, done + chunk);
      cache.dirty = true;
      await model.forwardPrefix(part);
      cache.ids.push(...part);
      cache.dirty = false;
      done += part.length;
      if (control.aborted()) {
        usage.prefillMs = control.now() - started;
        usage.promptTokens = done;
        return { finish: 'aborted', usage };
      }
    }
    const last = prefill.slice(done);
    cache.dirty = true;
    let next = await model.forward(last, true);
    cache.ids.push(...last);
    cache.dirty = false;
    usage.prefillMs = control.now() - started;

    let finish: FinishReason;
    for (;;) {
      const failure = control.failure();
      if (failure) throw failure;
      usage.completionTokens++;
      if (request.eosIds.includes(next)) {
        finish = 'eos';
        break;
      }
      sink.push(detok.push(next));
      if (sink.stopRequested) {
        finish = 'stop';
        break;
      }
      if (control.aborted()) {
        finish = 'aborted';
        break;
      }
      // `next` is sampled but not yet in the cache; forwarding it must leave room in the window.
      if (usage.completionTokens >= maxTokens || cache.ids.length >= model.contextWindow) {
        finish = 'length';
        break;
      }
      started = control.now();
      cache.dirty = true;
      const token = next;
      next = await model.forward([token], false);
      cache.ids.push(token);
      cache.dirty = false;
      usage.decodeMs += control.now() - started;
      usage.decodeSteps++;
    }
    if (finish !== 'stop') sink.push(detok.flush());
    await sink.flush();
    return { finish, usage };
  }
}
