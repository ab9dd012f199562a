import { WebGPUUnavailableError } from './errors';
import type { GpuInfo, GpuLimits } from './types';

/**
 * The parts of `navigator` detection reads, so Node tests can pass a fake. Works the same on the page
 * and in a worker (WorkerNavigator has `gpu` and `deviceMemory` too).
 */
export interface NavigatorLike {
  gpu?: Pick<GPU, 'requestAdapter'>;
  deviceMemory?: number;
}

/**
 * Finds the adapter web-llm would use (it asks for `high-performance`) and describes it.
 * Throws `WebGPUUnavailableError` when there is no WebGPU or no adapter, with a message that says so.
 */
export async function detectGpu(nav: NavigatorLike = globalThis.navigator as NavigatorLike): Promise<GpuInfo> {
  if (!nav || !nav.gpu) throw new WebGPUUnavailableError('no-api');
  let adapter: GPUAdapter | null;
  try {
    adapter = await nav.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    throw new WebGPUUnavailableError('adapter-request-failed', (err as Error)?.message);
  }
  if (!adapter) throw new WebGPUUnavailableError('no-adapter');
  return describeAdapter(adapter, nav.deviceMemory);
}

/** Plain data from a live adapter (limits and features are host objects that cannot be posted). */
export function describeAdapter(adapter: GPUAdapter, deviceMemoryGiB?: number): GpuInfo {
  const info = (adapter.info ?? {}) as Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean };
  // `isFallbackAdapter` moved from the adapter to adapter.info in 2024; read both.
  const legacyFallback = (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const limits: GpuLimits = {
    maxBufferSize: Number(adapter.limits.maxBufferSize),
    maxStorageBufferBindingSize: Number(adapter.limits.maxStorageBufferBindingSize),
    maxComputeWorkgroupStorageSize: Number(adapter.limits.maxComputeWorkgroupStorageSize),
    maxStorageBuffersPerShaderStage: Number(adapter.limits.maxStorageBuffersPerShaderStage),
    maxComputeInvocationsPerWorkgroup: Number(adapter.limits.maxComputeInvocationsPerWorkgroup),
  };
  return {
    adapter: {
      vendor: info.vendor ?? '',
      architecture: info.architecture ?? '',
      device: info.device ?? '',
      description: info.description ?? '',
      isFallbackAdapter: Boolean(info.isFallbackAdapter ?? legacyFallback ?? false),
    },
    features: [...adapter.features].map(String).sort(),
    limits,
    ...(typeof deviceMemoryGiB === 'number' ? { deviceMemoryGiB } : {}),
  };
}

/** One line for the UI and logs, e.g. "Google SwiftShader (software), no shader-f16". */
export function describeGpu(info: GpuInfo): string {
  const name = [info.adapter.vendor, info.adapter.architecture, info.adapter.description].filter(Boolean).join(' ') || 'Unknown GPU';
  const soft = info.adapter.isFallbackAdapter ? ' (software)' : '';
  const f16 = info.features.includes('shader-f16') ? 'shader-f16' : 'no shader-f16';
  return `${name}${soft}, ${f16}`;
}
