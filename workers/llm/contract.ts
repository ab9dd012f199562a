/**
 * The LLM worker's contract: types only, imported with `import type` by the worker and by its
 * main-thread client (src/clients/llm-client.ts). Streams (load progress, generated text) travel as
 * callbacks wrapped in `Comlink.proxy`, apart from the request/response calls.
 */
import type { SamplingValues } from '../../models/protocol';
import type { FinishReason } from '../../src/engines/engine';
import type { GpuInfo } from '../../src/gpu/types';

export interface LlmLoadRequest {
  /** web-llm's model id for this model and variant, e.g. `r1ci-3b-q4f32_1`. Also names the cache entries. */
  modelId: string;
  /**
   * Absolute URL of the MLC weights folder (mlc-chat-config.json, tokenizer files, tensor-cache.json and
   * its shards), ending in `/`. The client resolves relative URLs against the page before sending.
   */
  weightsUrl: string;
  /** Absolute URL of the compiled model library (`...-webgpu.wasm`). */
  modelLibUrl: string;
  /** Context window to allocate the KV cache for (overrides the folder's mlc-chat-config.json). */
  contextWindow: number;
  /** WebGPU features the library needs, e.g. `['shader-f16']` for q4f16_1. */
  requiredFeatures?: string[];
}

/** Load progress as web-llm reports it (fraction 0..1 and its own sentence). */
export interface LlmLoadProgress {
  fraction: number;
  text: string;
  elapsedMs: number;
}

export interface LlmLoadResult {
  modelId: string;
  contextWindow: number;
  /** Whether the KV cache can be rolled back token by token (else a mismatch costs a full prefill). */
  kvRollback: boolean;
  /** Whether top-k and the repetition penalty are applied (on the CPU, per token). */
  cpuSampling: boolean;
  gpu: GpuInfo;
  loadMs: number;
}

export interface LlmGenerateRequest {
  /** Whole text to continue (ChatML prompt + assistant text so far); no role markers are added. */
  prompt: string;
  /** Most new tokens this call may produce. */
  maxTokens: number;
  sampling: SamplingValues;
  /** Token ids that end generation (not emitted as text). */
  eosIds: number[];
}

/**
 * Receives generated text in batches (several tokens' worth when the page is slower than the model).
 * Returning `false` asks the worker to stop; it stops within about one token, and no text is sent
 * after a `false`.
 */
export type LlmTextSink = (delta: string) => boolean | void | Promise<boolean | void>;

export type LlmProgressSink = (progress: LlmLoadProgress) => void;

export interface LlmGenerateResult {
  finish: FinishReason;
  usage: LlmUsage;
}

/** Per-call figures, all measured (nothing estimated). */
export interface LlmUsage {
  /** Prompt tokens prefilled in this call: with a reused KV cache only the new ones. */
  promptTokens: number;
  /** Prompt tokens already in the KV cache and not processed again. */
  cachedPromptTokens: number;
  /** Tokens sampled in this call (an end-of-sequence token counts). */
  completionTokens: number;
  /** Forward passes of one token each (completionTokens minus the one sampled after prefill). */
  decodeSteps: number;
  prefillMs: number;
  decodeMs: number;
  /** Tokens taken back out of the KV cache before prefilling, and whether it was cleared instead. */
  rolledBackTokens: number;
  cacheReset: boolean;
}

/** Error names the worker throws (errors cross the boundary as `{ name, message }`: branch on name). */
export type LlmErrorName =
  | 'WebGPUUnavailableError'
  | 'GPUDeviceLostError'
  | 'ModelFilesNotFoundError'
  | 'ModelFilesUnreachableError'
  | 'ModelLibraryError'
  | 'ModelLoadError'
  | 'ModelNotLoadedError'
  | 'GenerationBusyError'
  | 'WebLLMInternalsError';

export interface LlmWorkerApi {
  /** Describes the adapter web-llm would use; throws WebGPUUnavailableError without one. */
  gpuInfo(): Promise<GpuInfo>;
  /** Loads web-llm's code (6 MB) without a model; resolves to web-llm's model-library version. */
  warmUp(): Promise<{ modelLibraryVersion: string }>;
  load(request: LlmLoadRequest, onProgress?: LlmProgressSink): Promise<LlmLoadResult>;
  generate(request: LlmGenerateRequest, onText: LlmTextSink): Promise<LlmGenerateResult>;
  /** Stops the current generation (it resolves with finish `aborted`); no-op when idle. */
  abort(): void;
  /** Forgets the KV cache (the next call prefills everything). */
  resetCache(): Promise<void>;
  unload(): Promise<void>;
}
