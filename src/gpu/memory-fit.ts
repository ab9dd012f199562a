import type { GpuInfo, QuantVariant } from './types';

/**
 * Before a multi-gigabyte download: can this adapter hold the model? WebGPU does not say how much
 * memory a GPU has, so this compares what is knowable: web-llm's minimum device limits (below them
 * it refuses to start), the largest single buffer the model binds, and the model's total need against
 * `navigator.deviceMemory` (system RAM, which integrated GPUs share; Chrome rounds it down and caps it
 * at 8 GiB, so it can only warn, never promise).
 */
export interface ModelMemoryNeed {
  /** GPU memory the catalog quotes (web-llm's `vram_required_MB`, e.g. 2504.76 or 2893.64). */
  vramMB: number;
  /** Context window the quoted figure was measured at (web-llm quotes 4096). */
  quotedContextTokens?: number;
  /** Context window the app will load with; the KV cache grows linearly with it. */
  contextWindow?: number;
  /** KV-cache bytes per token of context (see `kvCacheBytesPerToken`). */
  kvBytesPerToken?: number;
  /** Largest single tensor the model binds in a shader, in MB (e.g. the embedding table). */
  largestBufferMB?: number;
}

export type FitVerdict = 'ok' | 'warn' | 'cannot-run';

export interface FitAssessment {
  verdict: FitVerdict;
  /** The need corrected for the context window, in MB. */
  estimatedMB: number;
  /** Sentences for the user, most serious first; empty when nothing stands out. */
  warnings: string[];
}

/** The limits web-llm requests when it opens the device (tvmjs detectGPUDevice): below these it throws. */
export const WEBLLM_MIN_LIMITS = {
  maxBufferSize: 256 * 2 ** 20,
  maxStorageBufferBindingSize: 128 * 2 ** 20,
  maxComputeWorkgroupStorageSize: 32 * 2 ** 10,
  maxStorageBuffersPerShaderStage: 10,
} as const;

/** Share of system RAM above which a model is called unlikely to fit (browser, OS and page need the rest). */
const UNLIKELY_SHARE = 0.7;
/** Share above which it is called tight. */
const TIGHT_SHARE = 0.5;

const MB = 2 ** 20;

/** Bytes of KV cache per token: layers x (K and V) x KV heads x head size x element size. */
export function kvCacheBytesPerToken(arch: { layers: number; kvHeads: number; headDim: number }, variant: QuantVariant): number {
  const elementBytes = variant === 'q4f16_1' ? 2 : 4;
  return arch.layers * 2 * arch.kvHeads * arch.headDim * elementBytes;
}

/**
 * Qwen2.5-3B's largest single tensor at 4-bit (q4f16_1 and q4f32_1 alike): the embedding table's packed
 * weights, uint32 [151936, 2048 / 8] = 155.6 MB = 148.4 MiB. An adapter must bind it in one buffer.
 * Computed from the architecture, not measured (no model files here).
 */
export const QWEN25_3B_LARGEST_BUFFER_MB = (151_936 * (2048 / 8) * 4) / 2 ** 20;

/** Qwen2.5-3B's attention shape (R1-CI-3B shares it). */
export const QWEN25_3B_ARCH = { layers: 36, kvHeads: 2, headDim: 128 } as const;

export function estimateVramMB(need: ModelMemoryNeed): number {
  const quoted = need.quotedContextTokens ?? 4096;
  const context = need.contextWindow ?? quoted;
  const extraKv = need.kvBytesPerToken ? ((context - quoted) * need.kvBytesPerToken) / MB : 0;
  return Math.max(need.vramMB, need.vramMB + extraKv);
}

export function assessMemoryFit(info: GpuInfo, need: ModelMemoryNeed): FitAssessment {
  const estimatedMB = estimateVramMB(need);
  const blockers: string[] = [];
  const warnings: string[] = [];
  const limits = info.limits;
  for (const [name, minimum] of Object.entries(WEBLLM_MIN_LIMITS) as [keyof typeof WEBLLM_MIN_LIMITS, number][]) {
    if (limits[name] < minimum) {
      blockers.push(`Your GPU allows ${name} = ${formatAmount(name, limits[name])}, below the ${formatAmount(name, minimum)} the model runtime needs, so the model cannot start here.`);
    }
  }
  if (need.largestBufferMB !== undefined && need.largestBufferMB * MB > limits.maxStorageBufferBindingSize) {
    blockers.push(
      `The model needs a single ${Math.ceil(need.largestBufferMB)} MB buffer but your GPU binds at most ${Math.floor(limits.maxStorageBufferBindingSize / MB)} MB at once, so it cannot run here.`,
    );
  }
  if (info.deviceMemoryGiB !== undefined) {
    const ramMB = info.deviceMemoryGiB * 1024;
    const share = estimatedMB / ramMB;
    if (share > UNLIKELY_SHARE) {
      warnings.push(
        `This model needs about ${formatMB(estimatedMB)} of GPU memory and this device reports about ${info.deviceMemoryGiB} GB of memory: ` +
          'it will probably not fit (the tab may crash or the GPU reset). Consider a smaller model before downloading.',
      );
    } else if (share > TIGHT_SHARE) {
      warnings.push(
        `This model needs about ${formatMB(estimatedMB)} of GPU memory, more than half of the ${info.deviceMemoryGiB} GB this device reports: ` +
          'close other tabs and apps first; if loading fails, pick a smaller model.',
      );
    }
  }
  if (info.adapter.isFallbackAdapter) {
    warnings.push('Your browser is using a software (CPU) graphics adapter: the model would run far too slowly to be useful. Turn on hardware acceleration or use another browser.');
  }
  const verdict: FitVerdict = blockers.length ? 'cannot-run' : warnings.length ? 'warn' : 'ok';
  return { verdict, estimatedMB, warnings: [...blockers, ...warnings] };
}

function formatMB(mb: number): string {
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.round(mb)} MB`;
}

function formatAmount(name: string, value: number): string {
  return name.endsWith('Size') ? (value >= MB ? `${Math.floor(value / MB)} MB` : `${Math.floor(value / 1024)} KB`) : String(value);
}
