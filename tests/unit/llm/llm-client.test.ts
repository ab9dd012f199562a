import { describe, expect, it, vi } from 'vitest';
import { LlmClient } from '../../../src/clients/llm-client';
import type { LlmGenerateRequest, LlmGenerateResult, LlmLoadRequest, LlmProgressSink, LlmTextSink } from '../../../workers/llm/contract';
import { fakeWorker, never, type FakeWorker } from './fake-worker';

const REQUEST: LlmGenerateRequest = { prompt: 'p', maxTokens: 10, sampling: { temperature: 0.6, topP: 0.8, topK: 20, repetitionPenalty: 1.05 }, eosIds: [151645] };
const USAGE = { promptTokens: 1, cachedPromptTokens: 0, completionTokens: 3, decodeSteps: 2, prefillMs: 1, decodeMs: 2, rolledBackTokens: 0, cacheReset: false };

function setup(api: Record<string, unknown>, options: { abortGraceMs?: number } = {}) {
  const workers: FakeWorker[] = [];
  const exits: Error[] = [];
  const client = new LlmClient({
    baseUrl: 'https://school.example/app/',
    abortGraceMs: options.abortGraceMs ?? 50,
    onExit: (e) => exits.push(e),
    createWorker: () => {
      const w = fakeWorker({ warmUp: async () => ({ modelLibraryVersion: 'v0_2_86/base' }), abort: () => undefined, ...api });
      workers.push(w);
      return w;
    },
  });
  return { client, workers, exits };
}

describe('LlmClient', () => {
  it('starts the worker only when first needed, and `ready` resolves once web-llm is loaded there', async () => {
    const { client, workers } = setup({});
    expect(workers).toHaveLength(0);
    await expect(client.ready).resolves.toEqual({ modelLibraryVersion: 'v0_2_86/base' });
    expect(workers).toHaveLength(1);
  });

  it('streams text and passes nothing after the caller says stop', async () => {
    const { client } = setup({
      generate: async (_r: LlmGenerateRequest, onText: LlmTextSink): Promise<LlmGenerateResult> => {
        const asked = [await onText('a'), await onText('b'), await onText('c')];
        return { finish: asked.includes(false) ? 'stop' : 'eos', usage: USAGE };
      },
    });
    const got: string[] = [];
    const result = await client.generate(REQUEST, { onText: (d) => (got.push(d), d !== 'b') });
    expect(got).toEqual(['a', 'b']);
    expect(result.finish).toBe('stop');
  });

  it('rejects a call in flight when the worker dies, then starts a new worker', async () => {
    let calls = 0;
    const { client, workers, exits } = setup({
      generate: async () => (++calls === 1 ? never() : { finish: 'eos', usage: USAGE }),
    });
    const pending = client.generate(REQUEST, { onText: () => true });
    await vi.waitFor(() => expect(calls).toBe(1));
    workers[0].crash('out of memory');
    const err = await pending.catch((e) => e);
    expect(err.name).toBe('WorkerCrashedError');
    expect(err.message).toContain('out of memory');
    expect(workers[0].terminated).toBe(true);
    expect(exits).toHaveLength(1);
    await expect(client.generate(REQUEST, { onText: () => true })).resolves.toMatchObject({ finish: 'eos' });
    expect(client.workerStarts).toBe(2);
  });

  it('aborts a generation by asking the worker, which ends it with finish "aborted"', async () => {
    let release!: () => void;
    const { client, workers } = setup({
      generate: async () => {
        await new Promise<void>((r) => (release = r));
        return { finish: 'aborted', usage: USAGE };
      },
      abort: () => release(),
    });
    const controller = new AbortController();
    const pending = client.generate(REQUEST, { onText: () => true, signal: controller.signal });
    await vi.waitFor(() => expect(release).toBeDefined());
    controller.abort();
    await expect(pending).resolves.toMatchObject({ finish: 'aborted' });
    expect(workers[0].terminated).toBe(false);
  });

  it('reports an abort as "aborted" even when the closed stream reached the worker first', async () => {
    const { client } = setup({
      generate: async (_r: LlmGenerateRequest, onText: LlmTextSink): Promise<LlmGenerateResult> => {
        while ((await onText('a')) !== false) await new Promise((r) => setTimeout(r, 1));
        return { finish: 'stop', usage: USAGE };
      },
    });
    const controller = new AbortController();
    const result = await client.generate(REQUEST, { onText: () => void controller.abort(), signal: controller.signal });
    expect(result.finish).toBe('aborted');
  });

  it('terminates a worker that does not stop after an abort, rejecting with AbortError', async () => {
    let started = false;
    const { client, workers } = setup({ generate: () => ((started = true), never()) }, { abortGraceMs: 20 });
    const controller = new AbortController();
    const pending = client.generate(REQUEST, { onText: () => true, signal: controller.signal });
    await vi.waitFor(() => expect(started).toBe(true));
    controller.abort();
    const err = await pending.catch((e) => e);
    expect(err.name).toBe('AbortError');
    expect(workers[0].terminated).toBe(true);
  });

  it('loads with absolute URLs resolved against the page and reports progress', async () => {
    let seen: LlmLoadRequest | undefined;
    const { client } = setup({
      load: async (request: LlmLoadRequest, onProgress?: LlmProgressSink) => {
        seen = request;
        await onProgress?.({ fraction: 0.5, text: 'half', elapsedMs: 1 });
        return { modelId: request.modelId, contextWindow: 8192, kvRollback: true, cpuSampling: true, gpu: {} as never, loadMs: 1 };
      },
    });
    const progress: number[] = [];
    const result = await client.load(
      { modelId: 'm', weightsUrl: 'models/m', modelLibUrl: 'libs/m.wasm', contextWindow: 8192 },
      { onProgress: (p) => progress.push(p.fraction) },
    );
    expect(seen).toMatchObject({ weightsUrl: 'https://school.example/app/models/m/', modelLibUrl: 'https://school.example/app/libs/m.wasm' });
    expect(progress).toEqual([0.5]);
    expect(client.loaded).toBe(result);
  });

  it('stops a load by terminating the worker; the next call gets a fresh one', async () => {
    let loading = false;
    const { client, workers } = setup({ load: () => ((loading = true), never()), gpuInfo: async () => ({ features: [] }) });
    const controller = new AbortController();
    const pending = client.load({ modelId: 'm', weightsUrl: 'https://x/m/', modelLibUrl: 'https://x/m.wasm', contextWindow: 4096 }, { signal: controller.signal });
    await vi.waitFor(() => expect(loading).toBe(true));
    controller.abort();
    expect((await pending.catch((e) => e)).name).toBe('AbortError');
    expect(workers[0].terminated).toBe(true);
    await expect(client.gpuInfo()).resolves.toEqual({ features: [] });
    expect(client.workerStarts).toBe(2);
  });

  it('keeps worker errors by name (they cross as plain objects), and forgets the model after a device loss', async () => {
    const { client } = setup({
      generate: async () => {
        throw Object.assign(new Error('The graphics device was lost'), { name: 'GPUDeviceLostError' });
      },
    });
    client.loaded = {} as never;
    const err = await client.generate(REQUEST, { onText: () => true }).catch((e) => e);
    expect(err.name).toBe('GPUDeviceLostError');
    expect(client.loaded).toBeNull();
  });

  it('restart rejects what is in flight and forgets the loaded model', async () => {
    const { client } = setup({ generate: () => never() });
    client.loaded = {} as never;
    const pending = client.generate(REQUEST, { onText: () => true });
    await new Promise((r) => setTimeout(r, 10));
    client.restart();
    expect((await pending.catch((e) => e)).name).toBe('AbortError');
    expect(client.loaded).toBeNull();
  });
});
