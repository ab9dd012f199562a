import { describeGpu, detectGpu } from '../../gpu';
import type { GpuStatus } from './model-backend';

/** Short reasons for the start-up panel (which adds the WebGPU report link and the demos itself). */
const REASONS: Record<string, string> = {
  'no-api': 'This browser does not offer WebGPU.',
  'no-adapter': 'WebGPU is present but found no usable graphics adapter (it may be switched off, blocked, or unsupported on this GPU).',
  'adapter-request-failed': 'WebGPU could not be started on this computer.',
  'limits-too-small': 'This graphics adapter is too limited to run the model.',
};

/** Asks for the adapter web-llm would use; no adapter means no live model, said plainly. */
export async function detectGpuStatus(): Promise<GpuStatus> {
  try {
    const info = await detectGpu();
    return {
      kind: 'ok',
      info,
      shaderF16: info.features.includes('shader-f16'),
      isFallbackAdapter: info.adapter.isFallbackAdapter,
      description: describeGpu(info),
    };
  } catch (err) {
    const e = err as Error & { reason?: string };
    if (e?.name !== 'WebGPUUnavailableError') throw err;
    return { kind: 'none', reason: REASONS[e.reason ?? ''] ?? e.message };
  }
}
