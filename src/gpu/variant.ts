import type { GpuInfo, QuantVariant } from './types';

export interface VariantChoice {
  variant: QuantVariant;
  /** Why, in words for the settings panel. */
  reason: string;
}

/**
 * q4f16_1 computes in 16-bit floats: smaller (2504.76 MB vs 2893.64 MB for Qwen2.5-3B) and faster, but
 * its shaders need the WebGPU feature `shader-f16`. Without it only q4f32_1 can run.
 */
export function chooseVariant(info: Pick<GpuInfo, 'features'>): VariantChoice {
  if (info.features.includes('shader-f16')) {
    return { variant: 'q4f16_1', reason: 'Your GPU supports 16-bit shaders (shader-f16), so the smaller, faster q4f16_1 build is used.' };
  }
  return {
    variant: 'q4f32_1',
    reason: 'Your GPU does not offer 16-bit shaders (shader-f16), so the q4f32_1 build is used; it needs more memory and runs slower.',
  };
}

/** Whether a given variant can run at all on this adapter. */
export function variantSupported(info: Pick<GpuInfo, 'features'>, variant: QuantVariant): boolean {
  return variant === 'q4f32_1' || info.features.includes('shader-f16');
}
