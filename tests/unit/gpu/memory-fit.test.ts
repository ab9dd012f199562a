import { describe, expect, it } from 'vitest';
import { describeAdapter } from '../../../src/gpu/detect';
import { assessMemoryFit, estimateVramMB, kvCacheBytesPerToken, QWEN25_3B_ARCH, QWEN25_3B_LARGEST_BUFFER_MB } from '../../../src/gpu/memory-fit';
import { fakeAdapter } from './fake-adapter';

const Q4F16 = 2504.76;
const Q4F32 = 2893.64;

describe('kvCacheBytesPerToken', () => {
  it('is 36 KiB per token for Qwen2.5-3B in f16 and twice that in f32', () => {
    expect(kvCacheBytesPerToken(QWEN25_3B_ARCH, 'q4f16_1')).toBe(36 * 1024);
    expect(kvCacheBytesPerToken(QWEN25_3B_ARCH, 'q4f32_1')).toBe(72 * 1024);
  });
});

describe('estimateVramMB', () => {
  it('adds the KV cache for context beyond the quoted 4k', () => {
    const kv = kvCacheBytesPerToken(QWEN25_3B_ARCH, 'q4f32_1');
    expect(estimateVramMB({ vramMB: Q4F32, contextWindow: 8192, kvBytesPerToken: kv })).toBeCloseTo(Q4F32 + 288, 5);
  });
  it('never estimates below the quoted figure', () => {
    expect(estimateVramMB({ vramMB: Q4F16, contextWindow: 1024, kvBytesPerToken: 36864 })).toBe(Q4F16);
  });
});

describe('assessMemoryFit', () => {
  it('passes a hardware GPU with room to spare', () => {
    const info = describeAdapter(fakeAdapter({ features: ['shader-f16'] }), 8);
    expect(assessMemoryFit(info, { vramMB: Q4F16 })).toMatchObject({ verdict: 'ok', warnings: [] });
  });

  it('warns in words before a download that will probably not fit in 4 GB', () => {
    const info = describeAdapter(fakeAdapter(), 4);
    const fit = assessMemoryFit(info, { vramMB: Q4F32 });
    expect(fit.verdict).toBe('warn');
    expect(fit.warnings[0]).toContain('2.8 GB');
    expect(fit.warnings[0]).toContain('probably not fit');
  });

  it('calls a model using more than half the memory tight, not hopeless', () => {
    const fit = assessMemoryFit(describeAdapter(fakeAdapter(), 4), { vramMB: Q4F16 });
    expect(fit.verdict).toBe('warn');
    expect(fit.warnings[0]).toContain('more than half');
  });

  it('refuses adapters below the runtime minimum limits', () => {
    const info = describeAdapter(fakeAdapter({ limits: { maxStorageBufferBindingSize: 64 * 2 ** 20 } }));
    const fit = assessMemoryFit(info, { vramMB: Q4F16 });
    expect(fit.verdict).toBe('cannot-run');
    expect(fit.warnings[0]).toContain('maxStorageBufferBindingSize = 64 MB');
  });

  it('refuses Qwen2.5-3B on an adapter binding only the WebGPU default 128 MiB (its embedding is 148 MiB)', () => {
    expect(QWEN25_3B_LARGEST_BUFFER_MB).toBeCloseTo(148.4, 1);
    const small = describeAdapter(fakeAdapter({ limits: { maxStorageBufferBindingSize: 128 * 2 ** 20 } }));
    expect(assessMemoryFit(small, { vramMB: Q4F16, largestBufferMB: QWEN25_3B_LARGEST_BUFFER_MB }).verdict).toBe('cannot-run');
    const swiftshader = describeAdapter(fakeAdapter());
    expect(assessMemoryFit(swiftshader, { vramMB: Q4F16, largestBufferMB: QWEN25_3B_LARGEST_BUFFER_MB }).verdict).toBe('ok');
  });

  it('refuses a model whose largest buffer exceeds the binding limit', () => {
    const info = describeAdapter(fakeAdapter({ limits: { maxStorageBufferBindingSize: 128 * 2 ** 20 } }));
    const fit = assessMemoryFit(info, { vramMB: Q4F16, largestBufferMB: 156 });
    expect(fit.verdict).toBe('cannot-run');
    expect(fit.warnings[0]).toContain('156 MB');
  });

  it('warns about a software adapter (SwiftShader) even when memory is fine', () => {
    const info = describeAdapter(fakeAdapter({ isFallbackAdapter: true }), 8);
    const fit = assessMemoryFit(info, { vramMB: Q4F32 });
    expect(fit.verdict).toBe('warn');
    expect(fit.warnings.join(' ')).toContain('software');
  });
});
