import { describe, expect, it } from 'vitest';
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import {
  buildCatalog, catalogOptionsFromUrl, entriesForDevice, qwenKvBytesPerToken, toWebLLMRecord, vramAtContext, WEBLLM_LIB_BASE,
} from '../../../models/catalog';
import { R1CI_3B } from '../../../models/r1ci.protocol';
import { QWEN25_3B_LARGEST_BUFFER_MB } from '../../../src/gpu/memory-fit';

const pageUrl = 'https://school.example/r1ci/index.html';

describe('buildCatalog', () => {
  const catalog = buildCatalog({ pageUrl });

  it('puts R1-CI weights in the site\'s own models/<id>/ folder by default', () => {
    const r1 = catalog.filter((e) => e.isR1CI);
    expect(r1.map((e) => [e.variant, e.weightsUrl])).toEqual([
      ['q4f16_1', 'https://school.example/r1ci/models/R1-Code-Interpreter-3B-q4f16_1-MLC/'],
      ['q4f32_1', 'https://school.example/r1ci/models/R1-Code-Interpreter-3B-q4f32_1-MLC/'],
    ]);
    expect(r1.every((e) => e.protocol === R1CI_3B && e.kind === 'r1ci')).toBe(true);
  });

  it('takes a configurable weights base, relative or absolute', () => {
    const relative = buildCatalog({ pageUrl, r1ciWeightsBase: '../weights' });
    expect(relative[0].weightsUrl).toBe('https://school.example/weights/R1-Code-Interpreter-3B-q4f16_1-MLC/');
    const absolute = buildCatalog({ pageUrl, r1ciWeightsBase: 'https://huggingface.co/someone/' });
    expect(absolute[1].weightsUrl).toBe('https://huggingface.co/someone/R1-Code-Interpreter-3B-q4f32_1-MLC/');
  });

  it('runs R1-CI on web-llm\'s prebuilt Qwen2.5-3B-Instruct libraries', () => {
    const qwen3b = (v: string) => prebuiltAppConfig.model_list.find((r) => r.model_id === `Qwen2.5-3B-Instruct-${v}-MLC`)!;
    for (const e of catalog.filter((x) => x.isR1CI)) expect(e.modelLibUrl).toBe(qwen3b(e.variant).model_lib);
  });

  it('copies the stock Qwen2.5 entries exactly from web-llm 0.2.86\'s prebuiltAppConfig', () => {
    const stock = catalog.filter((e) => e.kind === 'stock');
    expect(stock.map((e) => e.id)).toEqual([
      'Qwen2.5-3B-Instruct-q4f16_1-MLC', 'Qwen2.5-3B-Instruct-q4f32_1-MLC', 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
      'Qwen2.5-1.5B-Instruct-q4f32_1-MLC', 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    ]);
    for (const e of stock) {
      const record = prebuiltAppConfig.model_list.find((r) => r.model_id === e.id);
      expect(record, e.id).toBeDefined();
      expect(e.weightsUrl).toBe(record!.model);
      expect(e.modelLibUrl).toBe(record!.model_lib);
      expect(e.modelLibUrl.startsWith(WEBLLM_LIB_BASE)).toBe(true);
      expect(e.vramRequiredMB!).toBeGreaterThanOrEqual(record!.vram_required_MB!);
    }
  });

  it('labels stock models clearly as not R1-CI, with their own protocol record id', () => {
    for (const e of catalog.filter((x) => !x.isR1CI)) {
      expect(e.displayName).toMatch(/not R1-CI/);
      expect(e.protocol.id).toBe(e.id);
      expect(e.protocol.sampling.temperature).toBe(0.7);
    }
  });

  it('marks q4f16_1 as needing shader-f16 and filters for the device', () => {
    expect(catalog.every((e) => e.needsShaderF16 === (e.variant === 'q4f16_1'))).toBe(true);
    const noF16 = entriesForDevice(catalog, false);
    expect(noF16.every((e) => e.variant === 'q4f32_1')).toBe(true);
    expect(noF16[0].id).toBe('R1-Code-Interpreter-3B-q4f32_1-MLC');
    expect(entriesForDevice(catalog, true)).toHaveLength(catalog.length);
  });

  it('uses the protocol\'s context window and ids unique across the catalog', () => {
    expect(new Set(catalog.map((e) => e.id)).size).toBe(catalog.length);
    expect(catalog.every((e) => e.contextWindow === R1CI_3B.contextWindow)).toBe(true);
  });
});

describe('model library base', () => {
  it('serves the libraries from another folder when asked (classroom, offline copy, tests)', () => {
    const local = buildCatalog({ pageUrl, modelLibBase: 'libs' });
    expect(local[1].modelLibUrl).toBe('https://school.example/r1ci/libs/Qwen2.5-3B-Instruct-q4f32_1_cs1k-webgpu.wasm');
    expect(local.every((e) => e.modelLibUrl.startsWith('https://school.example/r1ci/libs/'))).toBe(true);
  });
});

describe('catalogOptionsFromUrl', () => {
  it('reads ?weights= and ?libs= on the page\'s own origin', () => {
    const options = catalogOptionsFromUrl('http://127.0.0.1:4173/?weights=fixtures/models/r1ci/&libs=/fixtures/models/libs/');
    expect(options).toEqual({ pageUrl: 'http://127.0.0.1:4173/?weights=fixtures/models/r1ci/&libs=/fixtures/models/libs/', r1ciWeightsBase: 'fixtures/models/r1ci/', modelLibBase: '/fixtures/models/libs/' });
    const [, r1ci] = buildCatalog(options);
    expect(r1ci.weightsUrl).toBe('http://127.0.0.1:4173/fixtures/models/r1ci/R1-Code-Interpreter-3B-q4f32_1-MLC/');
  });
  it('ignores another origin, so a shared link cannot redirect downloads', () => {
    const options = catalogOptionsFromUrl('https://school.example/app/?weights=https://evil.example/m/&libs=//evil.example/l/');
    expect(options.r1ciWeightsBase).toBeUndefined();
    expect(options.modelLibBase).toBeUndefined();
  });
});

describe('memory need', () => {
  it('adds the KV cache of the context beyond web-llm\'s 4096 tokens', () => {
    expect(qwenKvBytesPerToken('3B', 'q4f16_1')).toBe(36_864);
    expect(qwenKvBytesPerToken('3B', 'q4f32_1')).toBe(73_728);
    expect(vramAtContext(2504.76, 8192, 36_864)).toBe(2648.76);
    expect(vramAtContext(1000, 2048, 36_864)).toBe(1000);
  });

  it('gives every entry its largest buffer (the packed embedding table), the one figure an adapter must bind at once', () => {
    const catalog = buildCatalog({ pageUrl });
    const byId = (id: string) => catalog.find((e) => e.id === id)!;
    // 151,936 x (2048 / 8) uint32 = 148.4 MiB for 3B (R1-CI shares Qwen2.5-3B's shape).
    expect(byId('R1-Code-Interpreter-3B-q4f32_1-MLC').largestBufferMB).toBeCloseTo(QWEN25_3B_LARGEST_BUFFER_MB, 6);
    expect(byId('R1-Code-Interpreter-3B-q4f32_1-MLC').largestBufferMB).toBeCloseTo(148.4, 1);
    expect(byId('Qwen2.5-0.5B-Instruct-q4f32_1-MLC').largestBufferMB).toBeCloseTo(64.9, 1);
  });
});

describe('toWebLLMRecord', () => {
  it('gives web-llm absolute URLs, the feature need and the context window', () => {
    const [f16] = buildCatalog({ pageUrl });
    const record = toWebLLMRecord(f16);
    expect(record).toMatchObject({
      model: 'https://school.example/r1ci/models/R1-Code-Interpreter-3B-q4f16_1-MLC/',
      model_id: 'R1-Code-Interpreter-3B-q4f16_1-MLC',
      model_lib: f16.modelLibUrl,
      required_features: ['shader-f16'],
      overrides: { context_window_size: 8192 },
    });
  });
});
