/**
 * The only code that reaches into web-llm (pinned at 0.2.86). Its public `forwardTokensAndSample`
 * keeps the KV cache between calls but takes no sampling settings and cannot roll back, so this
 * adapter uses a few of the pipeline's private fields. `probePipeline` checks every one of them when
 * the model loads and names what is missing, so a web-llm upgrade fails loudly at load, never with
 * wrong text mid-answer.
 *
 * Private fields used, and why:
 * - `tokenizer`: the model's own tokenizer (tokenizers-cpp over tokenizer.json) to compare prompts by id.
 * - `config.temperature/top_p/...`: what `forwardTokensAndSample` samples with (it passes no GenerationConfig).
 * - `tvm`, `getActiveKVStates()`, `filledKVCacheLength`: to call TVM's `vm.builtin.kv_state_popn` on the
 *   paged KV cache, which takes tokens off its end (web-llm itself can only clear the whole cache).
 * - `logitProcessor`: switched off when neither top-k nor a repetition penalty is asked for, to save
 *   the logits' round trip to the CPU.
 * - `tvm.lib.webGPUContext.device`: the GPUDevice, to hear about device loss.
 */
import type { MLCEngine } from '@mlc-ai/web-llm';
import type { SamplingValues } from '../../models/protocol';
import { WebLLMInternalsError } from './errors';
import type { TokenModel } from './generation';
import { CpuSamplingProcessor, needsCpuSampling } from './sampling';

/** web-llm's prebuilt Qwen2.5 libraries are compiled for 1024-token prefill chunks (`_cs1k`). */
const DEFAULT_PREFILL_CHUNK = 1024;

type PackedFunc = ((...args: unknown[]) => unknown) & { dispose?: () => void };

interface TvmInternals {
  beginScope(): void;
  endScope(): void;
  getGlobalFunc(name: string): PackedFunc;
  detachFromCurrentScope<T>(value: T): T;
  scalar(value: number, dtype: string): unknown;
  lib?: { webGPUContext?: { device?: GPUDevice } };
}

interface PipelineInternals {
  tokenizer: { encode(text: string): Int32Array; decode(ids: Int32Array): string };
  config: { temperature: number; top_p: number; repetition_penalty: number; frequency_penalty: number; presence_penalty: number };
  tvm: TvmInternals;
  getActiveKVStates(): unknown[];
  filledKVCacheLength: number;
  contextWindowSize: number;
  prefillChunkSize: number;
  rnnState?: unknown;
  logitProcessor?: unknown;
  resetChat(keepStats?: boolean): void;
}

/** Returns the pipeline with its private fields typed, or throws WebLLMInternalsError naming what is missing. */
export function probePipeline(engine: MLCEngine, modelId: string): PipelineInternals {
  const map = (engine as unknown as { loadedModelIdToPipeline?: Map<string, unknown> }).loadedModelIdToPipeline;
  const pipeline = map?.get(modelId) as Partial<PipelineInternals> | undefined;
  if (!pipeline) throw new WebLLMInternalsError(['MLCEngine.loadedModelIdToPipeline']);
  const missing: string[] = [];
  if (typeof pipeline.tokenizer?.encode !== 'function' || typeof pipeline.tokenizer?.decode !== 'function') missing.push('pipeline.tokenizer');
  if (typeof pipeline.config !== 'object' || pipeline.config === null) missing.push('pipeline.config');
  if (typeof pipeline.resetChat !== 'function') missing.push('pipeline.resetChat');
  if (typeof pipeline.tvm?.getGlobalFunc !== 'function' || typeof pipeline.tvm?.scalar !== 'function') missing.push('pipeline.tvm');
  if (typeof pipeline.getActiveKVStates !== 'function') missing.push('pipeline.getActiveKVStates');
  if (typeof pipeline.filledKVCacheLength !== 'number') missing.push('pipeline.filledKVCacheLength');
  if (typeof pipeline.contextWindowSize !== 'number') missing.push('pipeline.contextWindowSize');
  if (missing.length) throw new WebLLMInternalsError(missing);
  return pipeline as PipelineInternals;
}

export class WebLlmTokenModel implements TokenModel {
  readonly canRollback: boolean;
  readonly contextWindow: number;
  private readonly popn: PackedFunc | undefined;

  constructor(
    private readonly engine: MLCEngine,
    private readonly modelId: string,
    private readonly pipeline: PipelineInternals,
    private readonly processor: CpuSamplingProcessor,
  ) {
    this.contextWindow = pipeline.contextWindowSize;
    this.popn = lookUpPopN(pipeline.tvm);
    // A recurrent state (hybrid models) keeps only a short history; Qwen2.5 has a plain KV cache.
    this.canRollback = this.popn !== undefined && pipeline.rnnState === undefined;
  }

  encode(text: string): number[] {
    return Array.from(this.pipeline.tokenizer.encode(text));
  }

  decode(ids: readonly number[]): string {
    return this.pipeline.tokenizer.decode(Int32Array.from(ids));
  }

  beginRound(sampling: SamplingValues, contextIds: readonly number[]): void {
    const config = this.pipeline.config;
    config.temperature = sampling.temperature;
    config.top_p = sampling.topP;
    // The penalty runs in the CPU processor over the whole context (HF semantics); web-llm's own would
    // count only tokens it generated through its chat API, i.e. none on this path.
    config.repetition_penalty = 1;
    config.frequency_penalty = 0;
    config.presence_penalty = 0;
    if (needsCpuSampling(sampling)) {
      this.processor.begin(sampling, contextIds);
      this.pipeline.logitProcessor = this.processor;
    } else {
      this.pipeline.logitProcessor = undefined;
    }
  }

  forward(ids: number[], isPrefill: boolean): Promise<number> {
    return this.engine.forwardTokensAndSample(ids, isPrefill, this.modelId);
  }

  async forwardPrefix(ids: number[]): Promise<void> {
    // web-llm samples after every forward; detach the processor so that throw-away token does not
    // join the repetition-penalty context (and the logits skip the CPU round trip).
    const processor = this.pipeline.logitProcessor;
    this.pipeline.logitProcessor = undefined;
    try {
      await this.engine.forwardTokensAndSample(ids, true, this.modelId);
    } finally {
      this.pipeline.logitProcessor = processor;
    }
  }

  get prefillChunkSize(): number {
    return this.pipeline.prefillChunkSize > 0 ? this.pipeline.prefillChunkSize : DEFAULT_PREFILL_CHUNK;
  }

  popN(n: number): boolean {
    if (!this.popn || n <= 0) return n === 0;
    const tvm = this.pipeline.tvm;
    tvm.beginScope();
    try {
      for (const state of this.pipeline.getActiveKVStates()) this.popn(state, tvm.scalar(0, 'int64'), tvm.scalar(n, 'int32'));
    } catch {
      return false; // the caller clears the cache instead
    } finally {
      tvm.endScope();
    }
    this.pipeline.filledKVCacheLength -= n;
    return true;
  }

  resetCache(): void {
    // Clears the KV cache (and web-llm's conversation, unused on this path), keeping the model loaded.
    this.pipeline.resetChat(false);
  }

  /** The GPUDevice web-llm opened, to listen for loss; undefined if the runtime hides it. */
  device(): GPUDevice | undefined {
    return this.pipeline.tvm.lib?.webGPUContext?.device;
  }
}

function lookUpPopN(tvm: TvmInternals): PackedFunc | undefined {
  tvm.beginScope();
  try {
    return tvm.detachFromCurrentScope(tvm.getGlobalFunc('vm.builtin.kv_state_popn'));
  } catch {
    return undefined;
  } finally {
    tvm.endScope();
  }
}
