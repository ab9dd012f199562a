import type { GpuStatus } from '../services/model-backend';

/**
 * INTERIM ADAPTER until src/gpu/ lands: asks for a WebGPU adapter and reports what the app needs
 * (present or not, shader-f16, fallback adapter, buffer limit). Nothing is assumed: no adapter, no model.
 */
export async function detectWebGpu(): Promise<GpuStatus> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return { kind: 'none', reason: 'This browser does not offer WebGPU.' };
  let adapter: { features: Set<string>; info?: { description?: string; vendor?: string; isFallbackAdapter?: boolean }; isFallbackAdapter?: boolean; limits?: { maxBufferSize?: number } } | null;
  try {
    adapter = (await gpu.requestAdapter()) as typeof adapter;
  } catch {
    adapter = null;
  }
  if (!adapter) return { kind: 'none', reason: 'WebGPU is present but no graphics adapter is available (it may be disabled or blocked for this GPU).' };
  return {
    kind: 'ok',
    shaderF16: adapter.features.has('shader-f16'),
    isFallbackAdapter: Boolean(adapter.isFallbackAdapter ?? adapter.info?.isFallbackAdapter),
    description: adapter.info?.description || adapter.info?.vendor || 'WebGPU adapter',
    maxBufferMB: adapter.limits?.maxBufferSize ? Math.round(adapter.limits.maxBufferSize / 2 ** 20) : undefined,
  };
}
