import { describe, expect, it } from 'vitest';
import {
  isPlainRelativePath, knownBytes, parseChatConfig, parseTensorManifest, planModelFiles, tokenizerFileFor,
} from '../../../src/models-cache/plan';

const model = { id: 'M', weightsUrl: 'https://huggingface.co/mlc-ai/M-MLC', modelLibUrl: 'https://libs.example/v1/M-webgpu.wasm' };

describe('parseChatConfig', () => {
  it('reads the tokenizer list and context window', () => {
    expect(parseChatConfig('{"tokenizer_files":["tokenizer.json"],"context_window_size":4096}', 'c')).toEqual({ tokenizerFiles: ['tokenizer.json'], contextWindowSize: 4096 });
  });
  it('says an HTML page is not the config', () => {
    expect(() => parseChatConfig('<!doctype html><p>Not found', 'mlc-chat-config.json of X')).toThrow(/mlc-chat-config.json of X is not valid JSON; the server may have sent an HTML page/);
  });
  it('refuses JSON without tokenizer_files', () => {
    expect(() => parseChatConfig('{"model_type":"qwen2"}', 'c')).toThrow(expect.objectContaining({ name: 'InvalidModelFolderError' }));
  });
});

describe('tokenizerFileFor', () => {
  it('prefers tokenizer.json, falls back to tokenizer.model, like web-llm', () => {
    expect(tokenizerFileFor({ tokenizerFiles: ['vocab.json', 'tokenizer.model', 'tokenizer.json'] }, 'c')).toBe('tokenizer.json');
    expect(tokenizerFileFor({ tokenizerFiles: ['tokenizer.model'] }, 'c')).toBe('tokenizer.model');
    expect(() => tokenizerFileFor({ tokenizerFiles: ['vocab.json'] }, 'c')).toThrow(/neither tokenizer.json nor tokenizer.model/);
  });
});

describe('parseTensorManifest', () => {
  const shard = (over: object) => JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin', nbytes: 8, records: [], ...over }] });
  it('returns each shard with its size', () => {
    expect(parseTensorManifest(shard({}), 'm')).toEqual([{ dataPath: 'params_shard_0.bin', nbytes: 8 }]);
  });
  it('refuses an empty list, a path leaving the folder and a bad size', () => {
    expect(() => parseTensorManifest('{"records":[]}', 'm')).toThrow(/lists no weight shards/);
    expect(() => parseTensorManifest(shard({ dataPath: '../secret.bin' }), 'm')).toThrow(/unusable dataPath/);
    expect(() => parseTensorManifest(shard({ dataPath: 'https://evil.example/x.bin' }), 'm')).toThrow(/unusable dataPath/);
    expect(() => parseTensorManifest(shard({ nbytes: -1 }), 'm')).toThrow(/invalid size/);
  });
  it('refuses a tensor that ends past its shard', () => {
    const bad = shard({ records: [{ name: 'w', byteOffset: 4, nbytes: 8 }] });
    expect(() => parseTensorManifest(bad, 'm')).toThrow(/tensor w ends past the end of shard params_shard_0.bin/);
  });
});

describe('isPlainRelativePath', () => {
  it('accepts names and sub-paths inside the folder only', () => {
    expect(isPlainRelativePath('params_shard_0.bin')).toBe(true);
    expect(isPlainRelativePath('sub/params.bin')).toBe(true);
    for (const bad of ['', '/abs.bin', '../x', 'a/../b', 'a//b', 'x?y', 'c:\\x', 'data:x']) expect(isPlainRelativePath(bad)).toBe(false);
  });
});

describe('planModelFiles', () => {
  it('lists config, tokenizer, manifest, shards with sizes, library; HF files fetched under resolve/main', () => {
    const files = planModelFiles(model, { tokenizerFiles: ['tokenizer.json'] }, [{ dataPath: 'a.bin', nbytes: 3 }, { dataPath: 'b.bin', nbytes: 5 }]);
    expect(files.map((f) => [f.role, f.name, f.expectedBytes])).toEqual([
      ['config', 'mlc-chat-config.json', undefined], ['tokenizer', 'tokenizer.json', undefined], ['manifest', 'tensor-cache.json', undefined],
      ['shard', 'a.bin', 3], ['shard', 'b.bin', 5], ['library', 'M-webgpu.wasm', undefined],
    ]);
    expect(files[3].url).toBe('https://huggingface.co/mlc-ai/M-MLC/resolve/main/a.bin');
    expect(files[3].cacheKey).toBe(files[3].url);
    expect(knownBytes(files)).toBe(8);
  });
});
