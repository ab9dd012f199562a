import type { Engine } from '../../engines/engine';
import type { LoadProgress } from '../services/model-backend';
import type { CatalogEntry } from '../../../models/catalog';

/**
 * INTERIM ADAPTER until src/engines/webllm.ts and src/clients/llm-client.ts land: loading a model fails
 * with a clear message; no text is ever made up.
 */
export async function loadWebGpuEngine(entry: CatalogEntry, _onProgress: (p: LoadProgress) => void, _signal?: AbortSignal): Promise<Engine> {
  throw Object.assign(new Error(`${entry.displayName} is downloaded, but the WebGPU engine is not part of this build yet, so it cannot run. Try a recorded demo.`), { name: 'EngineError' });
}
