/**
 * One worker's life, seen from the page: started lazily on first use, replaced after it dies or is
 * terminated, and, because comlink never settles a call whose worker was terminated, every call in
 * flight is rejected here when that happens.
 */
import * as Comlink from 'comlink';

/** The worker died on its own (script failed to load, uncaught error, unreadable message). */
export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
}

/** What the lifecycle needs from a Worker; tests pass a fake built on a MessageChannel. */
export type WorkerLike = Comlink.Endpoint & { terminate(): void };

export interface WorkerLifecycleOptions {
  /** For messages: "model" gives "The model worker stopped ...". */
  label: string;
  create: () => WorkerLike;
  /** Called once per worker that ends (crash or terminate), with the error its calls were rejected with. */
  onExit?: (reason: Error) => void;
}

interface Running<Api> {
  worker: WorkerLike;
  api: Comlink.Remote<Api>;
}

export class WorkerLifecycle<Api> {
  private running: Running<Api> | null = null;
  private readonly inFlight = new Set<(reason: Error) => void>();
  /** Workers started so far. */
  starts = 0;

  constructor(private readonly options: WorkerLifecycleOptions) {}

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** The worker's API, starting the worker if none is running. */
  remote(): Comlink.Remote<Api> {
    return this.ensure().api;
  }

  /**
   * Runs `fn` against the worker. Rejects with the termination reason if the worker dies or is
   * terminated before the call settles (comlink alone would leave it pending forever).
   */
  call<R>(fn: (api: Comlink.Remote<Api>) => Promise<R>): Promise<R> {
    const { api } = this.ensure();
    return new Promise<R>((resolve, reject) => {
      const fail = (reason: Error) => reject(reason);
      this.inFlight.add(fail);
      fn(api).then(
        (value) => {
          this.inFlight.delete(fail);
          resolve(value);
        },
        (err) => {
          this.inFlight.delete(fail);
          reject(err);
        },
      );
    });
  }

  /** Stops the worker now; calls in flight reject with `reason`. The next call starts a new worker. */
  terminate(reason: Error): void {
    const running = this.running;
    if (!running) return;
    this.running = null;
    running.worker.terminate();
    running.api[Comlink.releaseProxy]?.();
    const pending = [...this.inFlight];
    this.inFlight.clear();
    for (const reject of pending) reject(reason);
    this.options.onExit?.(reason);
  }

  private ensure(): Running<Api> {
    if (this.running) return this.running;
    const worker = this.options.create();
    this.starts++;
    const running: Running<Api> = { worker, api: Comlink.wrap<Api>(worker) };
    const crash = (detail: string) => {
      if (this.running === running) this.terminate(new WorkerCrashedError(`The ${this.options.label} worker stopped unexpectedly (${detail}). Load the model again to continue.`));
    };
    worker.addEventListener('error', (event: Event) => {
      event.preventDefault?.();
      crash((event as ErrorEvent).message || 'its script could not be loaded');
    });
    worker.addEventListener('messageerror', () => crash('it sent a message that could not be read'));
    this.running = running;
    return running;
  }
}
