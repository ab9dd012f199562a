/**
 * What of a model is in web-llm's caches: ready (every file, right sizes), partial, or absent; bytes used;
 * deletion. Reads only the caches, so it works offline.
 */
import { CHAT_CONFIG_FILE, webllmModelBase } from './keys';
import { metadataFiles, parseChatConfig, parseTensorManifest, planModelFiles, libraryFile, type ModelLocation } from './plan';
import { cachedSize, cachedText, deleteKey, entriesUnder } from './store';

export type CacheState = 'absent' | 'partial' | 'ready';

export interface ModelCacheReport {
  modelId: string;
  state: CacheState;
  /** Bytes this model's entries take in the caches (its library included). */
  bytesCached: number;
  /** Full size when the manifest is cached (small files not yet fetched count as 0); else undefined. */
  bytesTotal?: number;
  filesCached: number;
  /** Number of files when the manifest is cached. */
  filesTotal?: number;
  /** Names of files missing or of the wrong size (empty when ready). */
  missing: string[];
}

/** Inspects one model. Never throws for a damaged cache entry: it counts as missing. */
export async function inspectModel(model: ModelLocation): Promise<ModelCacheReport> {
  const { config, manifest } = metadataFiles(model);
  const [configText, manifestText] = await Promise.all([cachedText(config), cachedText(manifest)]);
  if (configText === undefined || manifestText === undefined) return leftovers(model);
  let files;
  try {
    files = planModelFiles(model, parseChatConfig(configText, CHAT_CONFIG_FILE), parseTensorManifest(manifestText, 'tensor-cache.json'));
  } catch {
    return leftovers(model);
  }
  const sizes = await Promise.all(files.map((f) => cachedSize(f)));
  const missing: string[] = [];
  let bytesCached = 0;
  let bytesTotal = 0;
  let filesCached = 0;
  files.forEach((file, i) => {
    const size = sizes[i];
    bytesTotal += file.expectedBytes ?? size ?? 0;
    if (size === undefined) { missing.push(file.name); return; }
    bytesCached += size;
    if (file.expectedBytes !== undefined && size !== file.expectedBytes) { missing.push(file.name); return; }
    filesCached++;
  });
  const state: CacheState = missing.length === 0 ? 'ready' : filesCached > 0 ? 'partial' : 'absent';
  return { modelId: model.id, state, bytesCached, bytesTotal, filesCached, filesTotal: files.length, missing };
}

/** Without config and manifest the file list is unknown: count whatever entries the model's folder has. */
async function leftovers(model: ModelLocation): Promise<ModelCacheReport> {
  const prefix = webllmModelBase(model.weightsUrl);
  const entries = [...(await entriesUnder('webllm/config', prefix)), ...(await entriesUnder('webllm/model', prefix))];
  const library = libraryFile(model);
  const librarySize = await cachedSize(library);
  if (librarySize !== undefined) entries.push({ key: library.cacheKey, bytes: librarySize });
  const bytesCached = entries.reduce((sum, e) => sum + e.bytes, 0);
  // A library alone (shared by several models) does not make this model partly downloaded.
  const state: CacheState = entries.length > (librarySize === undefined ? 0 : 1) ? 'partial' : 'absent';
  return { modelId: model.id, state, bytesCached: state === 'absent' ? 0 : bytesCached, filesCached: state === 'absent' ? 0 : entries.length, missing: [] };
}

/**
 * Deletes every entry of the model: all keys under its folder in `webllm/config` and `webllm/model`
 * (including files web-llm may have added itself) and its library in `webllm/wasm`, unless one of
 * `others` uses the same library and still has files cached (R1-CI q4f32_1 and stock Qwen2.5-3B q4f32_1
 * share one). Returns the number of entries deleted.
 */
export async function deleteModel(model: ModelLocation, others: ModelLocation[] = []): Promise<number> {
  const prefix = webllmModelBase(model.weightsUrl);
  let deleted = 0;
  for (const scope of ['webllm/config', 'webllm/model'] as const) {
    for (const entry of await entriesUnder(scope, prefix)) if (await deleteKey(scope, entry.key)) deleted++;
  }
  const library = libraryFile(model);
  const sharers = others.filter((o) => o.id !== model.id && libraryFile(o).cacheKey === library.cacheKey);
  const stillUsed = await Promise.all(sharers.map(async (o) => (await cachedText(metadataFiles(o).config)) !== undefined));
  if (!stillUsed.includes(true) && (await deleteKey('webllm/wasm', library.cacheKey))) deleted++;
  return deleted;
}
