import { describe, expect, it } from 'vitest';
import { DEMO_MAX_BYTES, MAX_PRECACHE_FILE_BYTES, partitionPrecache, precacheExclusion } from '../../../src/pwa/precache-policy';

describe('precache policy', () => {
  it('keeps the shell, chunks, icons, Pyodide runtime and model libraries', () => {
    for (const url of ['index.html', 'assets/index-abc.js', 'icons/icon-192.png', 'pyodide/pyodide.asm.wasm', 'pyodide/python_stdlib.zip',
      'pyodide/pyodide-lock.json', 'pyodide/pyodide.asm.mjs', 'models/libs/Qwen2.5-3B-Instruct-q4f32_1_cs1k-webgpu.wasm']) {
      expect(precacheExclusion({ url, size: 9_600_000 }), url).toBeUndefined();
    }
    expect(precacheExclusion({ url: 'demos/game24.json', size: 40_000 })).toBeUndefined();
  });

  it('never keeps model weights or other model-folder files', () => {
    for (const url of ['models/R1/params_shard_0.bin', 'models/R1/tensor-cache.json', 'models/R1/mlc-chat-config.json', 'models/R1/tokenizer.json',
      'fixtures/tiny/params_shard_12.bin', 'x/ndarray-cache.json']) {
      expect(precacheExclusion({ url, size: 100 }), url).toBe('model-file');
    }
  });

  it('leaves wheels, source maps, large recordings and oversized files out', () => {
    expect(precacheExclusion({ url: 'packages/numpy-2.4.6-cp314.whl', size: 10 })).toBe('python-package');
    expect(precacheExclusion({ url: 'assets/index.js.map', size: 10 })).toBe('source-map');
    expect(precacheExclusion({ url: 'demos/long.json', size: DEMO_MAX_BYTES + 1 })).toBe('large-demo');
    expect(precacheExclusion({ url: 'assets/huge.js', size: MAX_PRECACHE_FILE_BYTES + 1 })).toBe('too-large');
  });

  it('partitions a file list', () => {
    const { kept, excluded } = partitionPrecache([{ url: 'index.html', size: 1 }, { url: 'models/a/params_shard_0.bin', size: 1 }]);
    expect(kept.map((f) => f.url)).toEqual(['index.html']);
    expect(excluded).toEqual([{ file: { url: 'models/a/params_shard_0.bin', size: 1 }, reason: 'model-file' }]);
  });
});
