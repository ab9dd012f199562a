import { afterEach, describe, expect, it } from 'vitest';
import { deleteModelAllInfoInCache, hasModelInCache } from '@mlc-ai/web-llm';
import { fetchBase, webllmCachesLibrary, webllmModelBase } from '../../../src/models-cache/keys';
import { metadataFiles, planModelFiles, type ModelLocation } from '../../../src/models-cache/plan';
import { FakeCaches } from './fake-caches';

describe('webllmModelBase (web-llm cleanModelUrl)', () => {
  it('adds resolve/main/ to a Hugging Face repository URL, with or without a slash', () => {
    expect(webllmModelBase('https://huggingface.co/mlc-ai/X-MLC')).toBe('https://huggingface.co/mlc-ai/X-MLC/resolve/main/');
    expect(webllmModelBase('https://huggingface.co/mlc-ai/X-MLC/')).toBe('https://huggingface.co/mlc-ai/X-MLC/resolve/main/');
  });
  it('keeps an explicit revision', () => {
    expect(webllmModelBase('https://huggingface.co/u/X/resolve/v2/')).toBe('https://huggingface.co/u/X/resolve/v2/');
  });
  it('adds resolve/main/ to any other host too, as web-llm does', () => {
    expect(webllmModelBase('https://school.example/app/models/R1/')).toBe('https://school.example/app/models/R1/resolve/main/');
  });
  it('rejects a relative URL like web-llm (resolve against the page first)', () => {
    expect(() => webllmModelBase('models/R1/')).toThrow(TypeError);
  });
});

describe('fetchBase', () => {
  it('fetches Hugging Face files under resolve/main/ and a static folder as it is', () => {
    expect(fetchBase('https://huggingface.co/mlc-ai/X-MLC')).toBe('https://huggingface.co/mlc-ai/X-MLC/resolve/main/');
    expect(fetchBase('https://school.example/app/models/R1')).toBe('https://school.example/app/models/R1/');
  });
});

describe('webllmCachesLibrary', () => {
  it('is false for localhost and relative URLs, where web-llm skips its cache', () => {
    expect(webllmCachesLibrary('http://localhost:5173/lib.wasm')).toBe(false);
    expect(webllmCachesLibrary('libs/lib.wasm')).toBe(false);
    expect(webllmCachesLibrary('http://127.0.0.1:5173/lib.wasm')).toBe(true);
    expect(webllmCachesLibrary('https://raw.githubusercontent.com/x/lib.wasm')).toBe(true);
  });
});

/** The keys the app writes are the keys web-llm's own cache helpers read, checked against the installed web-llm. */
describe('cache keys agree with web-llm 0.2.86', () => {
  const model: ModelLocation = {
    id: 'R1-Code-Interpreter-3B-q4f32_1-MLC',
    weightsUrl: 'https://school.example/app/models/R1-Code-Interpreter-3B-q4f32_1-MLC/',
    modelLibUrl: 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/Qwen2.5-3B-Instruct-q4f32_1_cs1k-webgpu.wasm',
  };
  const appConfig = { model_list: [{ model: model.weightsUrl, model_id: model.id, model_lib: model.modelLibUrl }] };
  const shards = [{ dataPath: 'params_shard_0.bin', nbytes: 4 }, { dataPath: 'params_shard_1.bin', nbytes: 4 }];
  const files = planModelFiles(model, { tokenizerFiles: ['tokenizer.json', 'vocab.json'] }, shards);
  const original = (globalThis as { caches?: unknown }).caches;
  afterEach(() => { (globalThis as { caches?: unknown }).caches = original; });

  async function filledCache(): Promise<FakeCaches> {
    const fake = new FakeCaches();
    fake.install();
    const manifest = JSON.stringify({ records: shards });
    for (const f of files) {
      await (await fake.open(f.scope)).put(f.cacheKey, new Response(f.role === 'manifest' ? manifest : 'data'));
    }
    return fake;
  }

  it('hasModelInCache finds the model exactly when every shard is stored', async () => {
    const fake = await filledCache();
    expect(await hasModelInCache(model.id, appConfig)).toBe(true);
    const shard = files.find((f) => f.name === 'params_shard_1.bin')!;
    await (await fake.open('webllm/model')).delete(shard.cacheKey);
    expect(await hasModelInCache(model.id, appConfig)).toBe(false);
  });

  it("web-llm's deleteModelAllInfoInCache removes every entry the app wrote except tensor-cache.json", async () => {
    const fake = await filledCache();
    await deleteModelAllInfoInCache(model.id, appConfig);
    expect(fake.allKeys()).toEqual([`webllm/model ${metadataFiles(model).manifest.cacheKey}`]);
  });

  it('stores the config, library and model files in the scopes web-llm reads', () => {
    expect(files.map((f) => `${f.role} ${f.scope} ${f.cacheKey.replace(/.*\//, '')}`)).toEqual([
      'config webllm/config mlc-chat-config.json',
      'tokenizer webllm/model tokenizer.json',
      'manifest webllm/model tensor-cache.json',
      'shard webllm/model params_shard_0.bin',
      'shard webllm/model params_shard_1.bin',
      'library webllm/wasm Qwen2.5-3B-Instruct-q4f32_1_cs1k-webgpu.wasm',
    ]);
    expect(files[0].cacheKey).toBe(`${model.weightsUrl}resolve/main/mlc-chat-config.json`);
    expect(files[0].url).toBe(`${model.weightsUrl}mlc-chat-config.json`);
    expect(files[5].cacheKey).toBe(model.modelLibUrl);
  });
});
