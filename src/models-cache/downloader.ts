/**
 * The app's own model download: every file of a model (config, tokenizer, tensor-cache manifest, all
 * shards, model library) fetched by us and stored straight into web-llm's caches under the keys it looks
 * up, so web-llm then loads the model without touching the network.
 *
 * Each file streams from its source into the Cache API (never whole in memory). Pause = abort the signal
 * (the call rejects with AbortError); resume = call again: files already cached with the right size are
 * skipped, a half-fetched file starts over (MLC shards are ~32 MB; a Cache API entry cannot be appended
 * to, so resuming one with a Range request would need its first part kept elsewhere: not worth it).
 */
import { StorageQuotaError, TruncatedFileError, checkReceivedSize, classifyFetchFailure, isAbortError } from './errors';
import { fetchBase } from './keys';
import {
  knownBytes, metadataFiles, parseChatConfig, parseTensorManifest, planModelFiles, type ModelFile, type ModelLocation,
} from './plan';
import { SpeedMeter, percentOf, secondsLeft, type DownloadProgress } from './progress';
import { HttpSource, type FileSource } from './sources';
import { availableStorage, cachedSize, cachedText, putFile } from './store';

/** Room kept for the files whose size is known only once they arrive (tokenizer ~7 MB, library ~5 MB). */
export const UNKNOWN_SIZE_ALLOWANCE = 32 * 1024 * 1024;

export interface DownloadOptions {
  /** Where the files come from; by default HTTP from the model's URLs. */
  source?: FileSource;
  onProgress?: (progress: DownloadProgress) => void;
  /** Abort to pause (or cancel): finished files stay cached. */
  signal?: AbortSignal;
  /** Files fetched at once. */
  concurrency?: number;
  /** Free bytes the browser allows; defaults to navigator.storage.estimate(). Undefined skips the check. */
  availableStorage?: () => Promise<number | undefined>;
  /** Milliseconds between progress events while bytes flow (every file completion also reports). */
  progressIntervalMs?: number;
  now?: () => number;
}

export interface DownloadSummary {
  filesFetched: number;
  filesSkipped: number;
  bytesFetched: number;
  bytesSkipped: number;
}

export async function downloadModel(model: ModelLocation, options: DownloadOptions = {}): Promise<DownloadSummary> {
  const run = new DownloadRun(model, options);
  return run.start();
}

class DownloadRun {
  private readonly source: FileSource;
  private readonly now: () => number;
  private readonly meter = new SpeedMeter();
  private readonly inner = new AbortController();
  private files: ModelFile[] = [];
  /** Keyed by cache key: the metadata files are planned twice (before and after the manifest is read). */
  private sizes = new Map<string, number>();
  private done = new Set<string>();
  private inFlight = new Map<string, { name: string; bytes: number }>();
  private lastEmit = -Infinity;
  private summary: DownloadSummary = { filesFetched: 0, filesSkipped: 0, bytesFetched: 0, bytesSkipped: 0 };

  constructor(private readonly model: ModelLocation, private readonly options: DownloadOptions) {
    this.source = options.source ?? new HttpSource(model.id, fetchBase(model.weightsUrl));
    this.now = options.now ?? (() => performance.now());
    // Whatever reason the caller aborts with, the download ends with an AbortError (the UI ignores those).
    const pause = () => this.inner.abort(new DOMException('The download was paused.', 'AbortError'));
    if (options.signal?.aborted) pause();
    else options.signal?.addEventListener('abort', pause, { once: true });
  }

  async start(): Promise<DownloadSummary> {
    this.inner.signal.throwIfAborted();
    this.emit('checking', true);
    const { config, manifest } = metadataFiles(this.model);
    const configText = await this.readSmall(config);
    const manifestText = await this.readSmall(manifest);
    const where = `${this.model.id} (${this.source.label})`;
    this.files = planModelFiles(this.model, parseChatConfig(configText.text, `mlc-chat-config.json of ${where}`),
      parseTensorManifest(manifestText.text, `tensor-cache.json of ${where}`));
    await this.markCached();
    await this.checkQuota();
    // The two metadata files go in first: an interrupted download can then be inspected offline.
    for (const [file, read] of [[config, configText], [manifest, manifestText]] as const) {
      if (!this.done.has(file.cacheKey)) await this.store(file, read.blob);
    }
    this.emit('downloading', true);
    await this.fetchRemaining();
    this.emit('done', true);
    return this.summary;
  }

  /** Marks files already cached with the right size; a wrong-sized copy is fetched again. */
  private async markCached(): Promise<void> {
    for (const file of this.files) {
      const size = await cachedSize(file);
      if (size === undefined || (file.expectedBytes !== undefined && size !== file.expectedBytes)) continue;
      this.sizes.set(file.cacheKey, size);
      this.done.add(file.cacheKey);
      this.summary.filesSkipped++;
      this.summary.bytesSkipped += size;
    }
  }

  private async checkQuota(): Promise<void> {
    const missing = this.files.filter((f) => !this.done.has(f.cacheKey));
    if (missing.length === 0) return;
    const unknown = missing.some((f) => f.expectedBytes === undefined) ? UNKNOWN_SIZE_ALLOWANCE : 0;
    const needed = knownBytes(missing) + unknown;
    const available = await (this.options.availableStorage ?? availableStorage)();
    if (available !== undefined && needed > available) throw new StorageQuotaError(needed, available);
  }

  /** A small file's content: from the cache when there, else from the source (stored later). */
  private async readSmall(file: ModelFile): Promise<{ text: string; blob: Blob }> {
    const text = await cachedText(file);
    if (text !== undefined) return { text, blob: new Blob([text]) };
    const blob = await this.readFile(file);
    return { text: await blob.text(), blob };
  }

  private async fetchRemaining(): Promise<void> {
    const queue = this.files.filter((f) => !this.done.has(f.cacheKey));
    const workers = Array.from({ length: Math.max(1, this.options.concurrency ?? 3) }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        this.inner.signal.throwIfAborted();
        await this.transfer(file, (body, size) => putFile(file, body, size));
        this.markStored(file);
      }
    });
    try {
      await Promise.all(workers);
    } catch (err) {
      // One failure stops the others; their partial files are dropped (never cached).
      this.inner.abort(err);
      await Promise.allSettled(workers);
      throw err;
    }
  }

  /** Reads one (small) file whole into memory. */
  private async readFile(file: ModelFile): Promise<Blob> {
    let blob: Blob | undefined;
    await this.transfer(file, async (body) => { blob = await new Response(body).blob(); });
    return blob!;
  }

  /**
   * Streams one file from the source into `consume` (the cache, straight to disk: a 150 MB embedding
   * shard never sits in memory), counting bytes for the progress and checking the size. A wrong size
   * errors the stream before it ends, so `cache.put` rejects and nothing wrong is ever stored.
   */
  private async transfer(file: ModelFile, consume: (body: ReadableStream<Uint8Array>, size: number | undefined) => Promise<void>): Promise<void> {
    const opened = await this.source.open(file, this.inner.signal);
    if (file.expectedBytes === undefined && opened.size !== undefined) this.sizes.set(file.cacheKey, opened.size);
    let received = 0;
    let failure: Error | undefined;
    const fail = (err: Error, controller: TransformStreamDefaultController<Uint8Array>) => { failure = err; controller.error(err); };
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform: (chunk, controller) => {
        received += chunk.byteLength;
        // More than the manifest promised: stop now rather than store a wrong file.
        if (file.expectedBytes !== undefined && received > file.expectedBytes) {
          return fail(new TruncatedFileError(file.name, received, file.expectedBytes, 'manifest'), controller);
        }
        this.inFlight.set(file.cacheKey, { name: file.name, bytes: received });
        this.meter.add(chunk.byteLength, this.now());
        this.emit('downloading', false);
        controller.enqueue(chunk);
      },
      flush: (controller) => {
        try {
          checkReceivedSize(file.name, received, opened.size, file.expectedBytes);
        } catch (err) {
          fail(err as Error, controller);
        }
      },
    });
    this.inFlight.set(file.cacheKey, { name: file.name, bytes: 0 });
    try {
      await consume(opened.body.pipeThrough(counter), file.expectedBytes ?? opened.size);
    } catch (err) {
      if (failure) throw failure;
      if ((err as Error).name === 'StorageQuotaError') throw err;
      if (this.inner.signal.aborted && !isAbortError(err)) throw this.inner.signal.reason;
      // A body cut off mid-way (server gone, connection dropped) errors the stream with a TypeError.
      throw classifyFetchFailure(err, file.name, file.url, typeof navigator === 'undefined' || navigator.onLine !== false);
    } finally {
      this.inFlight.delete(file.cacheKey);
    }
    this.sizes.set(file.cacheKey, received);
  }

  private async store(file: ModelFile, data: Blob): Promise<void> {
    this.inner.signal.throwIfAborted();
    await putFile(file, data, data.size);
    this.sizes.set(file.cacheKey, data.size);
    this.markStored(file);
  }

  private markStored(file: ModelFile): void {
    const size = this.sizes.get(file.cacheKey) ?? 0;
    this.done.add(file.cacheKey);
    this.summary.filesFetched++;
    this.summary.bytesFetched += size;
    this.emit('downloading', true);
  }

  private emit(phase: DownloadProgress['phase'], force: boolean): void {
    const onProgress = this.options.onProgress;
    if (!onProgress) return;
    const now = this.now();
    if (!force && now - this.lastEmit < (this.options.progressIntervalMs ?? 100)) return;
    this.lastEmit = now;
    let bytesDone = 0;
    let bytesTotal = 0;
    for (const file of this.files) {
      const size = this.sizes.get(file.cacheKey) ?? file.expectedBytes ?? 0;
      bytesTotal += size;
      bytesDone += this.done.has(file.cacheKey) ? size : (this.inFlight.get(file.cacheKey)?.bytes ?? 0);
    }
    const speed = this.meter.bytesPerSecond(now);
    onProgress({
      modelId: this.model.id,
      phase,
      bytesDone,
      bytesTotal,
      percent: percentOf(bytesDone, bytesTotal),
      bytesPerSecond: speed,
      secondsLeft: secondsLeft(bytesDone, bytesTotal, speed),
      filesDone: this.files.filter((f) => this.done.has(f.cacheKey)).length,
      filesTotal: this.files.length,
      currentFiles: [...this.inFlight.values()].map((f) => f.name),
    });
  }
}
