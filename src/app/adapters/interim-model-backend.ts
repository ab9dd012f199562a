import { R1CI_3B, stockQwenProtocol } from '../../../models/r1ci.protocol';
import type { GpuStatus, ModelAvailability, ModelBackend, ModelChoice } from '../services/model-backend';

/**
 * INTERIM ADAPTER, to be replaced by the real catalog (models/catalog.ts), download cache
 * (src/models-cache/) and WebGPU engine (src/engines/webllm.ts) as they land. It detects WebGPU for real
 * and lists the models, but cannot download or run one: it says so instead of pretending.
 */
const NOT_YET = 'Model download and the WebGPU engine are not part of this build yet. Try a recorded demo.';

const CHOICES: ModelChoice[] = [
  { id: R1CI_3B.id, displayName: R1CI_3B.displayName, isR1CI: true, protocol: R1CI_3B },
  ...[
    ['Qwen2.5-3B-Instruct', 'Qwen2.5 3B Instruct'],
    ['Qwen2.5-1.5B-Instruct', 'Qwen2.5 1.5B Instruct'],
    ['Qwen2.5-0.5B-Instruct', 'Qwen2.5 0.5B Instruct'],
  ].map(([id, name]) => ({ id: id!, displayName: name!, isR1CI: false, protocol: stockQwenProtocol(id!, name!) })),
];

export async function detectWebGpu(): Promise<GpuStatus> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return { kind: 'none', reason: 'This browser does not offer WebGPU.' };
  let adapter: { features: Set<string>; info?: { description?: string; vendor?: string }; isFallbackAdapter?: boolean; limits?: { maxBufferSize?: number } } | null;
  try {
    adapter = (await gpu.requestAdapter()) as typeof adapter;
  } catch {
    adapter = null;
  }
  if (!adapter) return { kind: 'none', reason: 'WebGPU is present but no graphics adapter is available (it may be disabled or blocked for this GPU).' };
  return {
    kind: 'ok',
    shaderF16: adapter.features.has('shader-f16'),
    isFallbackAdapter: Boolean(adapter.isFallbackAdapter ?? (adapter.info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter),
    description: adapter.info?.description || adapter.info?.vendor || 'WebGPU adapter',
    maxBufferMB: adapter.limits?.maxBufferSize ? Math.round(adapter.limits.maxBufferSize / 2 ** 20) : undefined,
  };
}

export function createInterimModelBackend(): ModelBackend {
  return {
    catalog: () => CHOICES,
    detectGpu: detectWebGpu,
    async availability(): Promise<ModelAvailability> {
      return { kind: 'unavailable', reason: NOT_YET };
    },
    async download() {
      throw Object.assign(new Error(NOT_YET), { name: 'EngineError' });
    },
    async remove() {},
    async loadEngine() {
      throw Object.assign(new Error(NOT_YET), { name: 'EngineError' });
    },
  };
}
