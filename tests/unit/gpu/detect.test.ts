import { describe, expect, it } from 'vitest';
import { describeGpu, detectGpu } from '../../../src/gpu/detect';
import { WEBGPU_REPORT_URL } from '../../../src/gpu/errors';
import { fakeAdapter, fakeNavigator } from './fake-adapter';

describe('detectGpu', () => {
  it('reports a browser without navigator.gpu by name, pointing to the WebGPU report', async () => {
    const err = await detectGpu({}).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'WebGPUUnavailableError', reason: 'no-api' });
    expect((err as Error).message).toContain('does not offer WebGPU');
    expect((err as Error).message).toContain(WEBGPU_REPORT_URL);
  });

  it('reports a null adapter plainly', async () => {
    const err = await detectGpu(fakeNavigator(null)).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'WebGPUUnavailableError', reason: 'no-adapter' });
    expect((err as Error).message).toContain('no usable graphics adapter');
    expect((err as Error).message).toContain(WEBGPU_REPORT_URL);
  });

  it('reports a failing requestAdapter as unavailable, with the browser message', async () => {
    const nav = { gpu: { requestAdapter: async () => { throw new Error('blocked by policy'); } } };
    const err = await detectGpu(nav).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'WebGPUUnavailableError', reason: 'adapter-request-failed' });
    expect((err as Error).message).toContain('blocked by policy');
  });

  it('describes a software adapter as plain data: features, limits, fallback flag, device memory', async () => {
    const info = await detectGpu(fakeNavigator(fakeAdapter({ isFallbackAdapter: true, features: ['subgroups'] }), 8));
    expect(info.adapter.isFallbackAdapter).toBe(true);
    expect(info.features).toEqual(['subgroups']);
    expect(info.limits.maxBufferSize).toBe(2 ** 30);
    expect(info.deviceMemoryGiB).toBe(8);
    expect(JSON.parse(JSON.stringify(info))).toEqual(info);
    expect(describeGpu(info)).toBe('google swiftshader (software), no shader-f16');
  });

  it('reads the older adapter.isFallbackAdapter flag too', async () => {
    const info = await detectGpu(fakeNavigator(fakeAdapter({ legacyFallbackFlag: true })));
    expect(info.adapter.isFallbackAdapter).toBe(true);
    expect(info.deviceMemoryGiB).toBeUndefined();
  });
});
