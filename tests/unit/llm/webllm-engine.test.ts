import { describe, expect, it } from 'vitest';
import type { LlmClient } from '../../../src/clients/llm-client';
import { roundSpeeds, WebLlmEngine } from '../../../src/engines/webllm';
import type { LlmGenerateRequest } from '../../../workers/llm/contract';

const SAMPLING = { temperature: 0.6, topP: 0.8, topK: 20, repetitionPenalty: 1.05 };
const USAGE = { promptTokens: 40, cachedPromptTokens: 200, completionTokens: 11, decodeSteps: 10, prefillMs: 400, decodeMs: 500, rolledBackTokens: 2, cacheReset: false };

function clientReturning(fn: (r: LlmGenerateRequest, o: { onText: (d: string) => boolean | void; signal?: AbortSignal }) => Promise<unknown>): LlmClient {
  return { generate: fn } as unknown as LlmClient;
}

describe('WebLlmEngine', () => {
  it('is a live model labelled with its name and variant', () => {
    const engine = new WebLlmEngine(clientReturning(async () => ({})), { displayName: 'R1-Code-Interpreter-3B', variant: 'q4f32_1' });
    expect(engine).toMatchObject({ kind: 'webllm', isRecording: false, label: 'R1-Code-Interpreter-3B q4f32_1' });
    expect(new WebLlmEngine(clientReturning(async () => ({})), { displayName: 'R1-Code-Interpreter-3B (q4f16_1)', variant: 'q4f16_1' }).label).toBe('R1-Code-Interpreter-3B (q4f16_1)');
  });

  it('passes the prompt untouched with eos ids, and maps the worker usage to the round usage', async () => {
    let seen: LlmGenerateRequest | undefined;
    const engine = new WebLlmEngine(
      clientReturning(async (r, o) => {
        seen = r;
        o.onText('x');
        return { finish: 'eos', usage: USAGE };
      }),
      { displayName: 'R', variant: 'q4f32_1' },
    );
    const text: string[] = [];
    const result = await engine.generate({ prompt: '<|im_start|>assistant\nabc', round: 1, maxTokens: 50, sampling: SAMPLING, eos: [{ id: 151645, text: '<|im_end|>' }], onText: (d) => void text.push(d) });
    expect(seen).toEqual({ prompt: '<|im_start|>assistant\nabc', maxTokens: 50, sampling: SAMPLING, eosIds: [151645] });
    expect(text).toEqual(['x']);
    expect(result).toEqual({ finish: 'eos', usage: { promptTokens: 40, cachedPromptTokens: 200, completionTokens: 11, prefillMs: 400, decodeMs: 500 } });
  });

  it('reports an abort that needed the worker terminated as finish "aborted"', async () => {
    const controller = new AbortController();
    const engine = new WebLlmEngine(
      clientReturning(async () => {
        controller.abort();
        throw new DOMException('stopped', 'AbortError');
      }),
      { displayName: 'R', variant: 'q4f32_1' },
    );
    const result = await engine.generate({ prompt: 'p', round: 0, maxTokens: 5, sampling: SAMPLING, eos: [], onText: () => true, signal: controller.signal });
    expect(result.finish).toBe('aborted');
  });

  it('lets named errors through for the UI (device lost keeps the conversation)', async () => {
    const engine = new WebLlmEngine(
      clientReturning(async () => {
        throw Object.assign(new Error('lost'), { name: 'GPUDeviceLostError' });
      }),
      { displayName: 'R', variant: 'q4f32_1' },
    );
    await expect(engine.generate({ prompt: 'p', round: 0, maxTokens: 5, sampling: SAMPLING, eos: [], onText: () => true })).rejects.toMatchObject({ name: 'GPUDeviceLostError' });
  });
});

describe('roundSpeeds', () => {
  it('divides prefilled tokens by prefill time and decode steps by decode time', () => {
    expect(roundSpeeds(USAGE)).toEqual({ prefillTokensPerSecond: 100, decodeTokensPerSecond: 20 });
  });
  it('leaves missing figures undefined', () => {
    expect(roundSpeeds({ completionTokens: 3 })).toEqual({ prefillTokensPerSecond: undefined, decodeTokensPerSecond: undefined });
  });
});
