/** Plain-data description of a WebGPU adapter: safe to post between threads and to show in the UI. */
export interface GpuInfo {
  adapter: {
    vendor: string;
    architecture: string;
    device: string;
    description: string;
    /** A software (CPU) adapter such as SwiftShader: it works, but a 3B model would crawl. */
    isFallbackAdapter: boolean;
  };
  /** Adapter features, e.g. `shader-f16`, `subgroups`. */
  features: string[];
  limits: GpuLimits;
  /** `navigator.deviceMemory` in GiB where the browser reports it (rounded down, capped at 8 by Chrome). */
  deviceMemoryGiB?: number;
}

export interface GpuLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  maxComputeWorkgroupStorageSize: number;
  maxStorageBuffersPerShaderStage: number;
  maxComputeInvocationsPerWorkgroup: number;
}

/** The two quantisations the catalog ships for every model. */
export type QuantVariant = 'q4f16_1' | 'q4f32_1';
