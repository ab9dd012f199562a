import type { CatalogEntry } from '../../../models/catalog';
import { LlmClient } from '../../clients/llm-client';
import { WebLlmEngine } from '../../engines/webllm';
import type { Engine } from '../../engines/engine';
import type { LoadProgress } from './model-backend';

/**
 * The one LLM worker of the page and the engine over it. A model stays loaded between questions; a
 * different model replaces it. `onExit` hears when the worker ends (crash, device loss, a stop that
 * had to terminate it): the loaded model is gone with it.
 */
export class WebGpuEngines {
  private readonly client: LlmClient;
  private engine: { modelId: string; engine: Engine } | null = null;

  constructor(onExit: (reason: Error) => void) {
    this.client = new LlmClient({
      onExit: (reason) => {
        this.engine = null;
        onExit(reason);
      },
    });
  }

  async load(entry: CatalogEntry, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<Engine> {
    if (this.engine?.modelId === entry.id && this.client.loaded?.modelId === entry.id) return this.engine.engine;
    this.engine = null;
    await this.client.load(
      {
        modelId: entry.id,
        weightsUrl: entry.weightsUrl,
        modelLibUrl: entry.modelLibUrl,
        contextWindow: entry.contextWindow,
        ...(entry.needsShaderF16 ? { requiredFeatures: ['shader-f16'] } : {}),
      },
      { signal, onProgress: (p) => onProgress({ text: p.text, fraction: p.fraction }) },
    );
    const engine = new WebLlmEngine(this.client, { displayName: entry.displayName, variant: entry.variant });
    this.engine = { modelId: entry.id, engine };
    return engine;
  }
}
