/**
 * The page's handle on the LLM worker (workers/llm/worker.ts): starts it lazily, loads a model with
 * progress, streams generations, aborts, restarts, and rejects calls in flight when the worker dies.
 * web-llm is loaded only inside the worker.
 */
import * as Comlink from 'comlink';
import type { GpuInfo } from '../gpu/types';
import type {
  LlmGenerateRequest,
  LlmGenerateResult,
  LlmLoadProgress,
  LlmLoadRequest,
  LlmLoadResult,
  LlmWorkerApi,
} from '../../workers/llm/contract';
import { WorkerLifecycle, type WorkerLike } from './worker-lifecycle';

export interface LlmClientOptions {
  /** Makes the worker; tests pass a fake. */
  createWorker?: () => WorkerLike;
  /** Base for relative model URLs. Default: `document.baseURI` (the app may live under a sub-path). */
  baseUrl?: string;
  /**
   * After an abort, how long the worker may take to stop before it is terminated (which unloads the
   * model). A stop is seen between tokens and between 1024-token prefill parts, so this only fires for a
   * GPU that hangs. Default 15000 ms.
   */
  abortGraceMs?: number;
  /** Told when the worker ends (crash, restart): the loaded model is gone with it. */
  onExit?: (reason: Error) => void;
}

export interface GenerateCallOptions {
  /** Receives text in batches; return false to stop (no text arrives after that). */
  onText: (delta: string) => boolean | void;
  signal?: AbortSignal;
}

export interface LoadCallOptions {
  onProgress?: (progress: LlmLoadProgress) => void;
  /** Aborting a load terminates the worker (freeing whatever GPU memory the half-loaded model held). */
  signal?: AbortSignal;
}

export class LlmClient {
  private readonly life: WorkerLifecycle<LlmWorkerApi>;
  private readonly baseUrl: string | undefined;
  private readonly abortGraceMs: number;
  private readyPromise: Promise<{ modelLibraryVersion: string }> | null = null;
  /** The model in the worker now, or null (none yet, or the worker ended). */
  loaded: LlmLoadResult | null = null;

  constructor(options: LlmClientOptions = {}) {
    this.baseUrl = options.baseUrl;
    this.abortGraceMs = options.abortGraceMs ?? 15_000;
    this.life = new WorkerLifecycle<LlmWorkerApi>({
      label: 'model',
      create: options.createWorker ?? createLlmWorker,
      onExit: (reason) => {
        this.loaded = null;
        this.readyPromise = null;
        options.onExit?.(reason);
      },
    });
  }

  /** Workers started so far (1 + restarts and crashes). */
  get workerStarts(): number {
    return this.life.starts;
  }

  /** Resolves once the worker runs and has loaded web-llm's code (starting it if needed). */
  get ready(): Promise<{ modelLibraryVersion: string }> {
    this.readyPromise ??= this.life.call((api) => api.warmUp());
    return this.readyPromise;
  }

  gpuInfo(): Promise<GpuInfo> {
    return this.life.call((api) => api.gpuInfo());
  }

  async load(request: LlmLoadRequest, options: LoadCallOptions = {}): Promise<LlmLoadResult> {
    const resolved = { ...request, weightsUrl: this.absolute(request.weightsUrl, true), modelLibUrl: this.absolute(request.modelLibUrl, false) };
    const { signal, onProgress } = options;
    signal?.throwIfAborted();
    this.loaded = null;
    const stop = () => this.life.terminate(abortError('Loading the model was stopped.'));
    signal?.addEventListener('abort', stop, { once: true });
    try {
      const result = await this.life.call((api) => api.load(resolved, onProgress ? Comlink.proxy(onProgress) : undefined));
      this.loaded = result;
      return result;
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  /**
   * One generation round. On abort the worker stops within about one token and this resolves with
   * finish "aborted"; a worker that does not stop within the grace period is terminated, and this
   * rejects with an AbortError (the model must then be loaded again).
   */
  async generate(request: LlmGenerateRequest, options: GenerateCallOptions): Promise<LlmGenerateResult> {
    const { signal, onText } = options;
    signal?.throwIfAborted();
    let open = true;
    // Once the caller said stop, nothing more reaches it, whatever was already on its way.
    const sink = (delta: string) => {
      if (!open) return false;
      if (onText(delta) === false) open = false;
      return open;
    };
    let grace: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      open = false;
      void this.life.remote().abort();
      grace = setTimeout(() => this.life.terminate(abortError('The model did not stop in time and was unloaded.')), this.abortGraceMs);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await this.life.call((api) => api.generate(request, Comlink.proxy(sink)));
      // The closed sink may reach the worker before the abort call does: it was still an abort.
      return signal?.aborted && result.finish === 'stop' ? { ...result, finish: 'aborted' } : result;
    } catch (err) {
      // The worker dropped the model with the device; the UI must offer to load it again.
      if ((err as Error)?.name === 'GPUDeviceLostError') this.loaded = null;
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(grace);
    }
  }

  /** Stops the current generation, if any (it resolves with finish "aborted"). */
  abort(): void {
    if (this.life.isRunning) void this.life.remote().abort();
  }

  /** Makes the next generation prefill its whole prompt. */
  resetCache(): Promise<void> {
    return this.life.call((api) => api.resetCache());
  }

  async unload(): Promise<void> {
    if (!this.life.isRunning) return;
    await this.life.call((api) => api.unload());
    this.loaded = null;
  }

  /** Terminates the worker (calls in flight reject with `reason`); the next call starts a fresh one. */
  restart(reason: Error = abortError('The model worker was restarted.')): void {
    this.life.terminate(reason);
  }

  private absolute(url: string, folder: boolean): string {
    const base = this.baseUrl ?? (typeof document !== 'undefined' ? document.baseURI : undefined);
    const href = base ? new URL(url, base).href : url;
    return folder && !href.endsWith('/') ? href + '/' : href;
  }
}

function abortError(message: string): Error {
  return new DOMException(message, 'AbortError');
}

function createLlmWorker(): WorkerLike {
  return new Worker(new URL('../../workers/llm/worker.ts', import.meta.url), { type: 'module', name: 'llm' });
}
