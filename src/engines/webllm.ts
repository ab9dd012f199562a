/**
 * The WebGPU engine: R1-CI (or a fallback model) running in the LLM worker through web-llm. Each call
 * continues the raw ChatML text; the worker keeps the KV cache between calls and prefills only the
 * tokens added since (see workers/llm/generation.ts), and reports how many per round.
 */
import type { LlmClient } from '../clients/llm-client';
import type { QuantVariant } from '../gpu/types';
import type { Engine, GenerateRequest, GenerateResult } from './engine';

export interface WebLlmEngineModel {
  /** e.g. "R1-Code-Interpreter-3B". */
  displayName: string;
  variant: QuantVariant;
}

export class WebLlmEngine implements Engine {
  readonly kind = 'webllm' as const;
  readonly isRecording = false;
  readonly label: string;

  constructor(
    private readonly client: LlmClient,
    model: WebLlmEngineModel,
  ) {
    // Catalog names may already carry the variant ("R1-Code-Interpreter-3B (q4f32_1)").
    this.label = model.displayName.includes(model.variant) ? model.displayName : `${model.displayName} ${model.variant}`;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    try {
      const { finish, usage } = await this.client.generate(
        { prompt: request.prompt, maxTokens: request.maxTokens, sampling: request.sampling, eosIds: request.eos.map((e) => e.id) },
        { onText: request.onText, signal: request.signal },
      );
      return {
        finish,
        usage: {
          promptTokens: usage.promptTokens,
          cachedPromptTokens: usage.cachedPromptTokens,
          completionTokens: usage.completionTokens,
          prefillMs: usage.prefillMs,
          decodeMs: usage.decodeMs,
        },
      };
    } catch (err) {
      // A worker that would not stop was terminated: still an abort, as far as the loop is concerned.
      if ((err as Error)?.name === 'AbortError' && request.signal?.aborted) return { finish: 'aborted', usage: { completionTokens: 0 } };
      throw err;
    }
  }

  /**
   * Nothing to drop: a new question shares the system prompt and the instruction with the last one,
   * and the worker keeps exactly that common prefix (the rest is rolled back on the next call).
   */
  reset(): void {}
}

/** Prefill and decode speed of one round, for the live stats; undefined where a figure is missing or zero. */
export function roundSpeeds(usage: { promptTokens?: number; completionTokens: number; prefillMs?: number; decodeMs?: number }): {
  prefillTokensPerSecond?: number;
  decodeTokensPerSecond?: number;
} {
  const rate = (tokens: number | undefined, ms: number | undefined) => (tokens && ms ? (tokens * 1000) / ms : undefined);
  // The first completion token comes out of the prefill pass; the rest are one decode step each.
  return { prefillTokensPerSecond: rate(usage.promptTokens, usage.prefillMs), decodeTokensPerSecond: rate(usage.completionTokens - 1, usage.decodeMs) };
}
