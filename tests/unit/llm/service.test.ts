import { describe, expect, it } from 'vitest';
import type { LlmGenerateRequest, LlmLoadRequest } from '../../../workers/llm/contract';
import { createLlmService, type LlmServiceDeps } from '../../../workers/llm/service';
import { fakeAdapter, fakeNavigator } from '../gpu/fake-adapter';
import { EOS, fakeWebLlm, type FakeOptions } from './fake-webllm';

const LOAD: LlmLoadRequest = { modelId: 'r1ci-q4f32_1', weightsUrl: 'https://s.example/models/r1ci/', modelLibUrl: 'https://s.example/libs/q4f32.wasm', contextWindow: 8192 };
const SAMPLING = { temperature: 0.6, topP: 0.8, topK: 20, repetitionPenalty: 1.05 };
const gen = (prompt: string, extra: Partial<LlmGenerateRequest> = {}): LlmGenerateRequest => ({ prompt, maxTokens: 50, sampling: SAMPLING, eosIds: [EOS], ...extra });

function setup(options: FakeOptions & { adapter?: GPUAdapter | null } = {}) {
  const web = fakeWebLlm(options);
  let imports = 0;
  const deps: LlmServiceDeps = {
    navigator: fakeNavigator(options.adapter === undefined ? fakeAdapter({ isFallbackAdapter: true }) : options.adapter),
    // The files are in the caches the downloader fills: no network needed.
    caches: { open: async () => ({ match: async () => new Response('{}') }) as unknown as Cache },
    fetch: async () => {
      throw new Error('no network in this test');
    },
    importWebLlm: async () => (imports++, web.module as never),
    now: () => 0,
  };
  return { service: createLlmService(deps), web, imports: () => imports };
}

async function collect(service: ReturnType<typeof setup>['service'], request: LlmGenerateRequest) {
  let text = '';
  const result = await service.generate(request, (d) => void (text += d));
  return { ...result, text };
}

describe('LLM worker service over web-llm', () => {
  it('loads with a one-model app config, the CPU sampling processor registered, and progress passed on', async () => {
    const { service, web } = setup();
    const progress: unknown[] = [];
    const loaded = await service.load(LOAD, (p) => progress.push(p));
    const config = web.engines[0].config;
    expect(config.appConfig).toEqual({
      model_list: [{ model: LOAD.weightsUrl, model_id: LOAD.modelId, model_lib: LOAD.modelLibUrl, overrides: { context_window_size: 8192, sliding_window_size: -1 } }],
      cacheBackend: 'cache',
    });
    expect(config.logitProcessorRegistry?.has(LOAD.modelId)).toBe(true);
    expect(progress).toEqual([{ fraction: 0.5, text: 'Loading model from cache[1/2]', elapsedMs: 250 }]);
    expect(loaded).toMatchObject({ modelId: LOAD.modelId, contextWindow: 4096, kvRollback: true, gpu: { adapter: { isFallbackAdapter: true } } });
  });

  it('refuses to load without an adapter before importing web-llm', async () => {
    const { service, imports } = setup({ adapter: null });
    await expect(service.load(LOAD)).rejects.toMatchObject({ name: 'WebGPUUnavailableError' });
    expect(imports()).toBe(0);
  });

  it('refuses a q4f16_1 library on an adapter without shader-f16, pointing to q4f32_1', async () => {
    const { service } = setup();
    const err = await service.load({ ...LOAD, requiredFeatures: ['shader-f16'] }).catch((e) => e);
    expect(err.name).toBe('ModelLoadError');
    expect(err.message).toContain('q4f32_1');
  });

  it('turns a model library that fails to instantiate into ModelLibraryError and releases the engine', async () => {
    const reloadError = Object.assign(new Error('WebAssembly.instantiate(): expected magic word'), { name: 'CompileError' });
    const { service, web } = setup({ reloadError });
    const err = await service.load(LOAD).catch((e) => e);
    expect(err.name).toBe('ModelLibraryError');
    expect(err.message).toContain(LOAD.modelLibUrl);
    expect(web.engines[0].unloads).toBe(1);
  });

  it('fails loudly at load when web-llm no longer has a private field the engine needs', async () => {
    const { service } = setup({ withoutField: 'filledKVCacheLength' });
    const err = await service.load(LOAD).catch((e) => e);
    expect(err.name).toBe('WebLLMInternalsError');
    expect(err.message).toContain('pipeline.filledKVCacheLength');
  });

  it('samples with the request settings: temperature and top-p on the GPU, penalty and top-k on the CPU', async () => {
    const { service, web } = setup();
    await service.load(LOAD);
    const pipeline = web.pipeline();
    pipeline.say('ok');
    const r = await collect(service, gen('hello'));
    expect(r).toMatchObject({ finish: 'eos', text: 'ok' });
    expect(pipeline.config).toMatchObject({ temperature: 0.6, top_p: 0.8, repetition_penalty: 1, frequency_penalty: 0, presence_penalty: 0 });
    expect(pipeline.logitsSeen.length).toBeGreaterThan(0);
    // Without top-k or a penalty the logits never leave the GPU.
    pipeline.say('hi');
    await collect(service, gen('x', { sampling: { ...SAMPLING, topK: 0, repetitionPenalty: 1 } }));
    expect(pipeline.logitProcessor).toBeUndefined();
  });

  it('rolls the KV cache back with kv_state_popn and keeps web-llm’s length count in step', async () => {
    const { service, web } = setup();
    await service.load(LOAD);
    const pipeline = web.pipeline();
    pipeline.say('abcdef');
    await collect(service, gen('Q:', { maxTokens: 4 }));
    // Cache: "Q:" + "abc" (the 4th token "d" was sampled but never forwarded).
    expect(pipeline.kv.length).toBe(5);
    pipeline.say('!');
    const second = await collect(service, gen('Q:aX'));
    expect(pipeline.popnCalls).toHaveLength(1);
    const [state, seq, n] = pipeline.popnCalls[0];
    expect(state).toEqual({ kind: 'paged-kv-cache' });
    expect(seq).toEqual({ value: 0, dtype: 'int64' });
    expect(n).toEqual({ value: 2, dtype: 'int32' });
    expect(second.usage).toMatchObject({ cachedPromptTokens: 3, promptTokens: 1, rolledBackTokens: 2, cacheReset: false });
    expect(pipeline.filledKVCacheLength).toBe(pipeline.kv.length);
    // The new prompt, then what was generated after it ("!", then end-of-sequence, never forwarded).
    expect(String.fromCodePoint(...pipeline.kv)).toBe('Q:aX!');
  });

  it('without kv_state_popn, a mismatch clears the cache and prefills everything', async () => {
    const { service, web } = setup({ popn: false });
    const loaded = await service.load(LOAD);
    expect(loaded.kvRollback).toBe(false);
    const pipeline = web.pipeline();
    pipeline.say('abc');
    await collect(service, gen('Q:'));
    const resetsBefore = pipeline.resets;
    pipeline.say('!');
    const r = await collect(service, gen('Q:aX'));
    expect(pipeline.resets).toBe(resetsBefore + 1);
    expect(r.usage).toMatchObject({ cacheReset: true, cachedPromptTokens: 0, promptTokens: 4 });
  });

  it('reports a device lost mid-answer as GPUDeviceLostError, and keeps refusing until a reload', async () => {
    const { service, web } = setup();
    await service.load(LOAD);
    const pipeline = web.pipeline();
    pipeline.say('a long answer that will not finish');
    const err = await service.generate(gen('Q'), (d) => {
      if (d === 'l') pipeline.device.lose('unknown', 'D3D device removed');
    }).catch((e) => e);
    expect(err.name).toBe('GPUDeviceLostError');
    expect(err.message).toContain('D3D device removed');
    expect(err.message).toContain('conversation is kept');
    await expect(service.generate(gen('Q'), () => undefined)).rejects.toMatchObject({ name: 'GPUDeviceLostError' });
    await service.load(LOAD);
    web.pipeline().say('back');
    await expect(collect(service, gen('Q'))).resolves.toMatchObject({ text: 'back' });
  });

  it('does not mistake its own unload (device destroyed) for a loss', async () => {
    const { service, web } = setup();
    await service.load(LOAD);
    web.pipeline().device.lose('destroyed', '');
    await service.load(LOAD);
    web.pipeline().say('fine');
    await expect(collect(service, gen('Q'))).resolves.toMatchObject({ text: 'fine' });
  });

  it('refuses to generate with no model, or twice at once; abort ends the running call', async () => {
    const { service, web } = setup();
    await expect(service.generate(gen('Q'), () => undefined)).rejects.toMatchObject({ name: 'ModelNotLoadedError' });
    await service.load(LOAD);
    web.pipeline().say('x'.repeat(40));
    const first = service.generate(gen('Q'), () => service.abort());
    await expect(service.generate(gen('Q'), () => undefined)).rejects.toMatchObject({ name: 'GenerationBusyError' });
    await expect(first).resolves.toMatchObject({ finish: 'aborted' });
  });
});
