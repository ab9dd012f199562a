/** Fake WebGPU adapters shaped like what Chromium reports, for Node tests of the GPU decisions. */
export interface FakeAdapterOptions {
  features?: string[];
  limits?: Partial<Record<string, number>>;
  isFallbackAdapter?: boolean;
  legacyFallbackFlag?: boolean;
  vendor?: string;
}

/** SwiftShader as measured on this machine with --enable-unsafe-webgpu: 1 GiB buffers, no shader-f16. */
export const SWIFTSHADER_LIMITS = {
  maxBufferSize: 2 ** 30,
  maxStorageBufferBindingSize: 2 ** 30,
  maxComputeWorkgroupStorageSize: 32768,
  maxStorageBuffersPerShaderStage: 10,
  maxComputeInvocationsPerWorkgroup: 1024,
};

export function fakeAdapter(options: FakeAdapterOptions = {}): GPUAdapter {
  const info: Record<string, unknown> = { vendor: options.vendor ?? 'google', architecture: 'swiftshader', device: '', description: '' };
  if (options.isFallbackAdapter !== undefined) info.isFallbackAdapter = options.isFallbackAdapter;
  const adapter: Record<string, unknown> = {
    info,
    features: new Set(options.features ?? []),
    limits: { ...SWIFTSHADER_LIMITS, ...options.limits },
  };
  if (options.legacyFallbackFlag !== undefined) adapter.isFallbackAdapter = options.legacyFallbackFlag;
  return adapter as unknown as GPUAdapter;
}

export function fakeNavigator(adapter: GPUAdapter | null, deviceMemory?: number) {
  return { gpu: { requestAdapter: async () => adapter }, ...(deviceMemory !== undefined ? { deviceMemory } : {}) };
}
