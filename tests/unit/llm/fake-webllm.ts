/**
 * A stand-in for the `@mlc-ai/web-llm` module with the private pipeline fields the app uses
 * (workers/llm/webllm-model.ts), shaped as in web-llm 0.2.86's lib/index.js. Tokens are char codes;
 * the KV cache is an array; `vm.builtin.kv_state_popn` pops from it as TVM's paged KV cache does.
 */
import type { MLCEngineConfig } from '@mlc-ai/web-llm';

export const EOS = 0;

export interface FakeOptions {
  popn?: boolean;
  reloadError?: Error;
  /** Delete a private field to simulate a web-llm upgrade. */
  withoutField?: string;
  contextWindow?: number;
}

export class FakeDevice {
  private resolveLost!: (info: { reason: string; message: string }) => void;
  readonly lost = new Promise<{ reason: string; message: string }>((r) => (this.resolveLost = r));
  lose(reason = 'unknown', message = 'GPU hung') {
    this.resolveLost({ reason, message });
  }
}

export class FakePipeline {
  kv: number[] = [];
  script: number[] = [];
  popnCalls: unknown[][] = [];
  resets = 0;
  logitsSeen: Float32Array[] = [];
  filledKVCacheLength = 0;
  prefillChunkSize = 1024;
  contextWindowSize: number;
  logitProcessor?: { processLogits(l: Float32Array): Float32Array; processSampledToken(t: number): void };
  config: Record<string, number> = { temperature: 0.7, top_p: 0.8, repetition_penalty: 1.05, frequency_penalty: 0, presence_penalty: 0 };
  device = new FakeDevice();
  tokenizer = {
    encode: (text: string) => Int32Array.from([...text].map((c) => c.codePointAt(0)!)),
    decode: (ids: Int32Array) => String.fromCodePoint(...ids),
  };
  tvm: Record<string, unknown>;
  private readonly kvState = { kind: 'paged-kv-cache' };

  constructor(options: FakeOptions) {
    this.contextWindowSize = options.contextWindow ?? 4096;
    this.tvm = {
      beginScope: () => undefined,
      endScope: () => undefined,
      detachFromCurrentScope: <T>(x: T) => x,
      scalar: (value: number, dtype: string) => ({ value, dtype }),
      getGlobalFunc: (name: string) => {
        if (name !== 'vm.builtin.kv_state_popn' || options.popn === false) throw new Error('Cannot find global function ' + name);
        return (state: unknown, seq: { value: number }, n: { value: number }) => {
          this.popnCalls.push([state, seq, n]);
          this.kv.splice(this.kv.length - n.value, n.value);
        };
      },
      lib: { webGPUContext: { device: this.device } },
    };
  }

  getActiveKVStates() {
    return [this.kvState];
  }

  resetChat() {
    this.resets++;
    this.kv = [];
    this.filledKVCacheLength = 0;
  }

  say(text: string) {
    this.script = [...text].map((c) => c.codePointAt(0)!).concat(EOS);
  }

  async forwardTokensAndSample(ids: number[]): Promise<number> {
    await new Promise((r) => setTimeout(r, 0));
    this.kv.push(...ids);
    this.filledKVCacheLength += ids.length;
    if (this.logitProcessor) {
      const logits = new Float32Array(8).fill(1);
      this.logitsSeen.push(this.logitProcessor.processLogits(logits));
    }
    const next = this.script.shift() ?? EOS;
    this.logitProcessor?.processSampledToken(next);
    return next;
  }
}

export function fakeWebLlm(options: FakeOptions = {}) {
  const engines: FakeEngine[] = [];
  class FakeEngine {
    loadedModelIdToPipeline = new Map<string, FakePipeline>();
    unloads = 0;
    constructor(readonly config: MLCEngineConfig) {
      engines.push(this);
    }
    async reload(modelId: string) {
      this.config.initProgressCallback?.({ progress: 0.5, timeElapsed: 0.25, text: 'Loading model from cache[1/2]' });
      if (options.reloadError) throw options.reloadError;
      const pipeline = new FakePipeline(options);
      if (options.withoutField) delete (pipeline as unknown as Record<string, unknown>)[options.withoutField];
      pipeline.logitProcessor = this.config.logitProcessorRegistry?.get(modelId) as FakePipeline['logitProcessor'];
      this.loadedModelIdToPipeline.set(modelId, pipeline);
    }
    async unload() {
      this.unloads++;
      this.loadedModelIdToPipeline.clear();
    }
    forwardTokensAndSample(ids: number[], _isPrefill: boolean, modelId: string) {
      const pipeline = this.loadedModelIdToPipeline.get(modelId);
      if (!pipeline) return Promise.reject(Object.assign(new Error('Model not loaded'), { name: 'ModelNotLoadedError' }));
      return pipeline.forwardTokensAndSample(ids);
    }
  }
  const module = { modelVersion: 'v0_2_86/base', MLCEngine: FakeEngine };
  return { module, engines, pipeline: () => [...engines.at(-1)!.loadedModelIdToPipeline.values()][0] };
}
