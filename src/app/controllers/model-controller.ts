import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Engine } from '../../engines/engine';
import type { DownloadProgress, ExportProgress, WritableDirectory, GpuStatus, LoadProgress, MemoryFit, ModelBackend, ModelChoice } from '../services/model-backend';

/** The start-up states the model panel shows, in the order a first visit usually meets them. */
export type ModelState =
  | { phase: 'checking' }
  | { phase: 'no-webgpu'; reason: string }
  | { phase: 'unavailable'; reason: string }
  | { phase: 'weights-missing'; url: string; help: string }
  | { phase: 'not-downloaded'; bytesDone?: number; bytesTotal?: number }
  /** `from` names the local folder when the files come from one (an import) rather than the network. */
  | { phase: 'downloading'; progress: DownloadProgress; from?: string }
  | { phase: 'cached' }
  | { phase: 'loading'; progress: LoadProgress }
  | { phase: 'ready' }
  | { phase: 'error'; message: string };

/**
 * Owns the chosen model's life: WebGPU check, cached or not, download (pause = abort, resume = download
 * again), delete, load into the GPU, and the engine once loaded.
 */
export class ModelController implements ReactiveController {
  gpu: GpuStatus | null = null;
  state: ModelState = { phase: 'checking' };
  modelId: string;
  private engine: { modelId: string; engine: Engine } | null = null;
  private work: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost, readonly backend: ModelBackend, modelId: string) {
    host.addController(this);
    this.modelId = backend.catalog().some((c) => c.id === modelId) ? modelId : backend.catalog()[0]!.id;
    backend.onModelLost((reason) => {
      this.engine = null;
      // A lost GPU device is worth a word (the conversation itself keeps its partial answer);
      // a worker stopped on purpose (a stop that had to terminate it) just means "load again".
      if (reason?.name === 'GPUDeviceLostError') this.set({ phase: 'error', message: reason.message });
      else if (this.state.phase === 'ready') void this.refreshAvailability();
    });
  }

  /** The GPU memory check for the chosen model (null before the GPU is known). */
  get fit(): MemoryFit | null {
    return this.gpu?.kind === 'ok' ? this.backend.memoryFit(this.modelId) : null;
  }

  hostConnected(): void {}

  get catalog(): ModelChoice[] {
    return this.backend.catalog();
  }

  get choice(): ModelChoice {
    return this.catalog.find((c) => c.id === this.modelId) ?? this.catalog[0]!;
  }

  /** True when the page can run a live model at all (a recording always plays). */
  get canRunModel(): boolean {
    return this.state.phase === 'ready' || this.state.phase === 'cached';
  }

  async check(): Promise<void> {
    this.set({ phase: 'checking' });
    this.gpu = await this.backend.detectGpu();
    if (this.gpu.kind === 'none') return this.set({ phase: 'no-webgpu', reason: this.gpu.reason });
    // The adapter may rule out the chosen variant (q4f16_1 without shader-f16): fall back to the first it can run.
    if (!this.catalog.some((c) => c.id === this.modelId)) this.modelId = this.catalog[0]!.id;
    await this.refreshAvailability();
  }

  async choose(modelId: string): Promise<void> {
    if (modelId === this.modelId) return;
    this.cancel();
    this.modelId = modelId;
    if (this.gpu?.kind === 'ok') await this.refreshAvailability();
    else this.host.requestUpdate();
  }

  async refreshAvailability(): Promise<void> {
    if (this.engine?.modelId === this.modelId) return this.set({ phase: 'ready' });
    try {
      const a = await this.backend.availability(this.modelId);
      if (a.kind === 'cached') this.set({ phase: 'cached' });
      else if (a.kind === 'not-downloaded') this.set({ phase: 'not-downloaded', bytesDone: a.bytesDone, bytesTotal: a.bytesTotal });
      else if (a.kind === 'weights-missing') this.set({ phase: 'weights-missing', url: a.url, help: a.help });
      else this.set({ phase: 'unavailable', reason: a.reason });
    } catch (err) {
      this.set({ phase: 'error', message: messageOf(err) });
    }
  }

  async download(): Promise<void> {
    return this.fillCache(undefined, (onProgress, signal) => this.backend.download(this.modelId, onProgress, signal));
  }

  /**
   * Imports the chosen model from a local folder (a USB stick): the folder is checked, then its files go
   * through the download pipeline, with the same progress; stopping works like pausing a download.
   */
  async importFolder(files: ReadonlyMap<string, Blob>, folderName: string): Promise<void> {
    const importFolder = this.backend.importFolder?.bind(this.backend);
    if (!importFolder) return this.set({ phase: 'error', message: 'This build cannot import models from a folder.' });
    return this.fillCache(folderName, (onProgress, signal) => importFolder(this.modelId, files, folderName, onProgress, signal));
  }

  /**
   * Fills the model's caches (a download, or an import from `from`, a folder) with progress; stopping
   * works like pausing: what was stored stays, and the state says what is there.
   */
  private async fillCache(from: string | undefined, fill: (onProgress: (progress: DownloadProgress) => void, signal: AbortSignal) => Promise<void>): Promise<void> {
    const fit = this.fit;
    if (fit?.verdict === 'cannot-run') return this.set({ phase: 'error', message: fit.warnings.join(' ') });
    const work = this.begin();
    const downloading = (progress: DownloadProgress): ModelState => ({ phase: 'downloading', progress, ...(from === undefined ? {} : { from }) });
    this.set(downloading({ bytesDone: 0, bytesTotal: 0 }));
    try {
      await fill((progress) => this.set(downloading(progress)), work.signal);
      this.set({ phase: 'cached' });
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') await this.refreshAvailability();
      else this.set({ phase: 'error', message: messageOf(err) });
    } finally {
      this.end(work);
    }
  }

  /**
   * Writes the chosen (downloaded) model into `directory`; the model stays usable meanwhile. Resolves with
   * the paths written; rejects with an error whose message says what to do.
   */
  async exportFolder(directory: WritableDirectory, onProgress: (p: ExportProgress) => void, signal?: AbortSignal): Promise<string[]> {
    if (!this.backend.exportFolder) throw new Error('This build cannot export models to a folder.');
    return this.backend.exportFolder(this.modelId, directory, onProgress, signal);
  }

  /** Pausing is stopping the download: finished files stay cached, so downloading again resumes. */
  pause(): void {
    this.cancel();
  }

  async remove(): Promise<void> {
    this.cancel();
    if (this.engine?.modelId === this.modelId) this.engine = null;
    try {
      await this.backend.remove(this.modelId);
    } catch (err) {
      return this.set({ phase: 'error', message: messageOf(err) });
    }
    await this.refreshAvailability();
  }

  /** The engine for the chosen model, loading it first if needed. The session's signal stops the load. */
  async getEngine(signal: AbortSignal): Promise<Engine> {
    if (this.engine?.modelId === this.modelId) return this.engine.engine;
    const work = this.begin();
    const onAbort = () => work.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    this.set({ phase: 'loading', progress: { text: 'Starting…' } });
    try {
      const engine = await this.backend.loadEngine(this.modelId, (progress) => this.set({ phase: 'loading', progress }), work.signal);
      this.engine = { modelId: this.modelId, engine };
      this.set({ phase: 'ready' });
      return engine;
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') await this.refreshAvailability();
      else this.set({ phase: 'error', message: messageOf(err) });
      throw err;
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.end(work);
    }
  }

  cancel(): void {
    this.work?.abort();
  }

  private begin(): AbortController {
    this.work?.abort();
    return (this.work = new AbortController());
  }

  private end(work: AbortController): void {
    if (this.work === work) this.work = null;
  }

  private set(state: ModelState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}

function messageOf(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}
