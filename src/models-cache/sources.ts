/**
 * Where a model's files come from. The downloader only sees this interface, so the same pipeline (checks,
 * progress, cache keys) serves a download over HTTP and an import from a local folder (a USB stick).
 */
import { ModelFileNotFoundError, classifyFetchFailure, classifyHttpStatus } from './errors';
import type { ModelFile } from './plan';

export interface SourceFile {
  /** Announced size (Content-Length, File.size); undefined when unknown (e.g. a compressed response). */
  size?: number;
  body: ReadableStream<Uint8Array>;
}

export interface FileSource {
  /** Shown to the user: "https://host/models/X/" or "folder R1-CI-3B". */
  readonly label: string;
  /** Opens one file; throws the named errors of ./errors (or AbortError). */
  open(file: ModelFile, signal: AbortSignal): Promise<SourceFile>;
}

/** Fetches each file from its `url`. */
export class HttpSource implements FileSource {
  readonly label: string;

  constructor(private readonly modelId: string, label: string, private readonly fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)) {
    this.label = label;
  }

  async open(file: ModelFile, signal: AbortSignal): Promise<SourceFile> {
    let response: Response;
    try {
      // no-store: the Cache API copy is the only one kept; the HTTP cache would hold a second 2 GB.
      response = await this.fetchImpl(file.url, { signal, cache: 'no-store' });
    } catch (err) {
      throw classifyFetchFailure(err, file.name, file.url, isOnline());
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw classifyHttpStatus(response.status, file.name, file.url, this.modelId, file.role === 'library');
    }
    if (!response.body) throw classifyFetchFailure(new TypeError('empty body'), file.name, file.url, isOnline());
    return { size: announcedSize(response.headers), body: response.body };
  }
}

/**
 * Files already in hand, keyed by their path inside the model folder (`params_shard_0.bin`); the model
 * library by its file name. Fed from `<input type="file" webkitdirectory>` or a directory handle walk.
 */
export class BlobSource implements FileSource {
  constructor(readonly label: string, private readonly modelId: string, private readonly files: ReadonlyMap<string, Blob>) {}

  async open(file: ModelFile, signal: AbortSignal): Promise<SourceFile> {
    signal.throwIfAborted();
    const blob = this.files.get(file.name);
    if (!blob) throw new ModelFileNotFoundError(file.name, `${this.label}/${file.name}`, this.modelId, file.role === 'library');
    return { size: blob.size, body: blob.stream() };
  }
}

/**
 * Content-Length, when it is the size of the body fetch hands over: with a Content-Encoding the header
 * counts compressed bytes while the body is decompressed, so it cannot be checked.
 */
export function announcedSize(headers: Headers): number | undefined {
  if (headers.get('content-encoding')) return undefined;
  const raw = headers.get('content-length');
  const n = raw === null ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/**
 * Files picked with `<input type="file" webkitdirectory>` (or from a directory handle walk), keyed the way
 * BlobSource looks them up: the path inside the chosen model folder, its top folder name dropped.
 */
export function filesByFolderPath(files: Iterable<Blob & { name: string; webkitRelativePath?: string }>): Map<string, Blob> {
  const map = new Map<string, Blob>();
  for (const file of files) {
    const path = file.webkitRelativePath || file.name;
    const slash = path.indexOf('/');
    map.set(slash === -1 ? path : path.slice(slash + 1), file);
  }
  return map;
}
