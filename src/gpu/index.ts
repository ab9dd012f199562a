/** Choosing what runs where: WebGPU detection, the quantisation to load, and whether it fits. */
export { detectGpu, describeAdapter, describeGpu, type NavigatorLike } from './detect';
export { chooseVariant, variantSupported, type VariantChoice } from './variant';
export {
  assessMemoryFit,
  estimateVramMB,
  kvCacheBytesPerToken,
  QWEN25_3B_ARCH,
  QWEN25_3B_LARGEST_BUFFER_MB,
  WEBLLM_MIN_LIMITS,
  type FitAssessment,
  type FitVerdict,
  type ModelMemoryNeed,
} from './memory-fit';
export { GPUDeviceLostError, WebGPUUnavailableError, WEBGPU_REPORT_URL, isGpuErrorName, type GpuErrorName } from './errors';
export type { GpuInfo, GpuLimits, QuantVariant } from './types';
