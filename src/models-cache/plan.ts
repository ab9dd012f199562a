/**
 * Which files make up a model and where each one goes: pure, so the download, the cache inspection, the
 * deletion and a later import from a folder all agree on the same list.
 */
import { InvalidModelFolderError } from './errors';
import {
  CHAT_CONFIG_FILE, TENSOR_CACHE_MANIFEST, fetchBase, libraryKey, modelFileKey, type CacheScope,
} from './keys';

/** Where a model lives: a catalog entry satisfies this. URLs must be absolute. */
export interface ModelLocation {
  /** Model id, also web-llm's `model_id`. */
  id: string;
  /** The MLC folder (what web-llm's record calls `model`). */
  weightsUrl: string;
  /** The compiled model library (`model_lib`). */
  modelLibUrl: string;
}

export type ModelFileRole = 'config' | 'tokenizer' | 'manifest' | 'shard' | 'library';

/** One file to fetch and store. */
export interface ModelFile {
  role: ModelFileRole;
  /** Path inside the model folder (`params_shard_3.bin`), or the library's file name. */
  name: string;
  /** Where an HTTP source fetches it. */
  url: string;
  scope: CacheScope;
  /** The URL web-llm looks up in `scope`. */
  cacheKey: string;
  /** Exact size when the manifest states it (shards); otherwise learned from the response. */
  expectedBytes?: number;
}

/** The parts of `mlc-chat-config.json` the download needs. */
export interface ChatConfigSummary {
  tokenizerFiles: string[];
  contextWindowSize?: number;
}

export interface ShardRecord {
  dataPath: string;
  nbytes: number;
}

/** Reads `mlc-chat-config.json`; throws InvalidModelFolderError with the reason when it is not one. */
export function parseChatConfig(text: string, where: string): ChatConfigSummary {
  const json = parseJson(text, where);
  const files = json.tokenizer_files;
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string')) {
    throw new InvalidModelFolderError(`${where} has no "tokenizer_files" list, so it is not an MLC model's mlc-chat-config.json.`);
  }
  const ctx = json.context_window_size;
  return { tokenizerFiles: files, contextWindowSize: typeof ctx === 'number' ? ctx : undefined };
}

/**
 * The tokenizer file web-llm reads (`asyncLoadTokenizer`): `tokenizer.json` when listed, else
 * `tokenizer.model`. The other listed files (vocab.json, merges.txt, ...) are never read, so not fetched.
 */
export function tokenizerFileFor(config: ChatConfigSummary, where: string): string {
  if (config.tokenizerFiles.includes('tokenizer.json')) return 'tokenizer.json';
  if (config.tokenizerFiles.includes('tokenizer.model')) return 'tokenizer.model';
  throw new InvalidModelFolderError(
    `${where} lists neither tokenizer.json nor tokenizer.model (it lists: ${config.tokenizerFiles.join(', ') || 'nothing'}); web-llm cannot load a tokenizer for it.`,
  );
}

/** Reads `tensor-cache.json` and checks every shard record is usable. */
export function parseTensorManifest(text: string, where: string): ShardRecord[] {
  const json = parseJson(text, where);
  if (!Array.isArray(json.records) || json.records.length === 0) {
    throw new InvalidModelFolderError(`${where} lists no weight shards ("records" is missing or empty).`);
  }
  return json.records.map((raw: unknown, i: number) => checkShard(raw, i, where));
}

function checkShard(raw: unknown, index: number, where: string): ShardRecord {
  const rec = (raw ?? {}) as Record<string, unknown>;
  const { dataPath, nbytes } = rec;
  if (typeof dataPath !== 'string' || !isPlainRelativePath(dataPath)) {
    throw new InvalidModelFolderError(`${where}: shard ${index} has an unusable dataPath ${JSON.stringify(dataPath)}; it must be a file name inside the model folder.`);
  }
  if (typeof nbytes !== 'number' || !Number.isSafeInteger(nbytes) || nbytes <= 0) {
    throw new InvalidModelFolderError(`${where}: shard ${dataPath} has an invalid size ${JSON.stringify(nbytes)}.`);
  }
  // Tensors inside the shard must fit in it, or web-llm fails half-way through loading onto the GPU.
  const inner = Array.isArray(rec.records) ? (rec.records as Record<string, unknown>[]) : [];
  for (const t of inner) {
    const end = Number(t.byteOffset) + Number(t.nbytes);
    if (!(end <= nbytes)) throw new InvalidModelFolderError(`${where}: tensor ${String(t.name)} ends past the end of shard ${dataPath}.`);
  }
  return { dataPath, nbytes };
}

/** A file name or sub-path inside the folder: no scheme, no leading slash, no `..`, no query. */
export function isPlainRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || /[?#:]/.test(path)) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** The two small files read first, before the full list is known. */
export function metadataFiles(model: ModelLocation): { config: ModelFile; manifest: ModelFile } {
  return { config: folderFile(model, 'config', CHAT_CONFIG_FILE), manifest: folderFile(model, 'manifest', TENSOR_CACHE_MANIFEST) };
}

/** Every file of the model, in download order: config, tokenizer, manifest, shards, library. */
export function planModelFiles(model: ModelLocation, config: ChatConfigSummary, shards: ShardRecord[]): ModelFile[] {
  const { config: configFile, manifest } = metadataFiles(model);
  const tokenizer = folderFile(model, 'tokenizer', tokenizerFileFor(config, `${model.id}'s mlc-chat-config.json`));
  const shardFiles = shards.map((s) => ({ ...folderFile(model, 'shard', s.dataPath), expectedBytes: s.nbytes }));
  return [configFile, tokenizer, manifest, ...shardFiles, libraryFile(model)];
}

export function libraryFile(model: ModelLocation): ModelFile {
  const name = new URL(model.modelLibUrl).pathname.split('/').pop() || 'model-lib.wasm';
  return { role: 'library', name, url: model.modelLibUrl, scope: 'webllm/wasm', cacheKey: libraryKey(model.modelLibUrl) };
}

function folderFile(model: ModelLocation, role: ModelFileRole, name: string): ModelFile {
  const scope: CacheScope = role === 'config' ? 'webllm/config' : 'webllm/model';
  return { role, name, url: new URL(name, fetchBase(model.weightsUrl)).href, scope, cacheKey: modelFileKey(model.weightsUrl, name) };
}

/** Sum of the sizes known in advance (shards); files of unknown size count as 0. */
export function knownBytes(files: ModelFile[]): number {
  return files.reduce((sum, f) => sum + (f.expectedBytes ?? 0), 0);
}

function parseJson(text: string, where: string): Record<string, any> {
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch { /* reported below */ }
  throw new InvalidModelFolderError(`${where} is not valid JSON; the server may have sent an HTML page instead of the file.`);
}
