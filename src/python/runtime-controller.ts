import * as Comlink from 'comlink';
import type {
  PackageFetcher,
  PythonRuntimeInfo,
  PythonStartStage,
  PythonWorkerApi,
  PythonWorkerInit,
} from '../../workers/python/contract';
import type { PythonRunner, RunRequest, RunResult, RunStatus } from './runner';
import { CappedText } from './runtime-capture';
import { describeCrash, stripFatalDump } from './runtime-crash';
import { clearStop, createInterruptBuffer, requestStop, type StopReason } from './runtime-interrupt';

/**
 * Host-side life of the Python runtime, shared by the Node runner (worker_threads) and the browser
 * client (a module Web Worker): lazy start with named stages, one script at a time, the time limit and
 * user stops (SIGINT through the interrupt buffer, then terminate-and-restart after a short grace or
 * at once when there is no SharedArrayBuffer), and crash recovery (a fresh runtime for the next script).
 * Only `spawn` differs between the two hosts.
 */

const START_ORDER: PythonStartStage[] = ['spawning', 'loading-runtime', 'starting-python', 'ready'];

/** One live worker, as the host sees it. */
export interface RuntimeTransport {
  api: Comlink.Remote<PythonWorkerApi>;
  /** Ends the thread at once. */
  terminate(): void;
  /** Settles with a reason in words when the thread dies on its own (error, exit). Never rejects. */
  died: Promise<string>;
  /**
   * Present when the transport owns the interrupt memory itself: a sandboxed frame in another agent
   * cluster, which no SharedArrayBuffer of this page can reach (src/sandbox/). The controller then
   * creates no buffer and asks this stopper instead.
   */
  stopper?: RuntimeStopper;
}

/** Stops the running script in place (SIGINT), when the runtime can be interrupted. */
export interface RuntimeStopper {
  /** False when the runtime has no interrupt buffer (not cross-origin isolated): stops restart it. */
  interruptible(): boolean;
  /** Asks the running script to stop, saying why. */
  request(reason: StopReason): void;
  /** Before each script: no stop pending. */
  clear(): void;
}

/** How a runaway script is stopped: SIGINT keeps the runtime; restart replaces it. */
export type StopMode = 'interrupt' | 'restart';

export type RuntimeStage = 'idle' | PythonStartStage | 'failed' | 'closed';

export interface RuntimeControllerOptions {
  /** Starts a new worker thread. */
  spawn: () => RuntimeTransport;
  /** Runtime settings; the interrupt buffer is added by the controller. */
  init: Omit<PythonWorkerInit, 'interruptBuffer'>;
  /** Use SIGINT stops (needs SharedArrayBuffer; in a page, cross-origin isolation). */
  interrupt: boolean;
  /** How long a SIGINT may take before the worker is terminated instead. Default 1000 ms. */
  graceMs?: number;
  /** Fetches wheels for the worker (see the contract); absent: the worker fetches them itself. */
  fetchPackage?: PackageFetcher;
  /** Start-up progress, for a UI. */
  onStage?: (stage: RuntimeStage) => void;
}

/** The runtime could not start, or was closed: the runner cannot run anything. */
export class PythonRuntimeError extends Error {
  override name = 'PythonRuntimeError';
}

interface LiveRuntime {
  transport: RuntimeTransport;
  stopper?: RuntimeStopper;
  ready: Promise<PythonRuntimeInfo>;
  /** Set when the host itself ended it: its death is then no crash. */
  retired: boolean;
  /** Told when the thread dies on its own while a script runs. */
  onDeath: ((reason: string) => void) | null;
}

export class PythonRuntimeController implements PythonRunner {
  readonly stopMode: StopMode;
  private runtime: LiveRuntime | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private stage: RuntimeStage = 'idle';
  /** Where live output of the script now running goes (the worker's output callback lives as long as the worker). */
  private outputSink: ((stream: 'stdout' | 'stderr', text: string) => void) | null = null;
  private runId = 0;
  private starts = 0;
  /** Rejects the script in flight when the controller is closed. */
  private rejectInFlight: ((err: Error) => void) | null = null;

  constructor(private readonly options: RuntimeControllerOptions) {
    this.stopMode = options.interrupt && typeof SharedArrayBuffer === 'function' ? 'interrupt' : 'restart';
  }

  /** How many workers were started so far (1 + restarts): a stop by interrupt keeps this unchanged. */
  get workerStarts(): number {
    return this.starts;
  }

  /** The current start-up stage. */
  get currentStage(): RuntimeStage {
    return this.stage;
  }

  /** Starts the runtime now (e.g. while the model loads) and resolves when it can run scripts. */
  ready(): Promise<PythonRuntimeInfo> {
    if (this.closed) return Promise.reject(new PythonRuntimeError('The Python runtime was closed.'));
    return this.current().ready;
  }

  run(request: RunRequest): Promise<RunResult> {
    const job = this.queue.then(() => this.runNow(request));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Ends the worker; a script in flight is rejected. The controller cannot be used afterwards. */
  close(): void {
    this.closed = true;
    this.rejectInFlight?.(new PythonRuntimeError('The Python runtime was closed while a script was running.'));
    if (this.runtime) this.retire(this.runtime);
    this.setStage('closed');
  }

  private current(): LiveRuntime {
    if (!this.runtime) this.runtime = this.launch();
    return this.runtime;
  }

  private launch(): LiveRuntime {
    this.setStage('spawning');
    this.starts++;
    const transport = this.options.spawn();
    const buffer = !transport.stopper && this.stopMode === 'interrupt' ? createInterruptBuffer() : undefined;
    const stopper = transport.stopper ?? (buffer ? bufferStopper(buffer) : undefined);
    const init: PythonWorkerInit = { ...this.options.init, ...(buffer ? { interruptBuffer: buffer } : {}) };
    // Stage messages travel on their own channel and can trail init's result: only forward progress,
    // and "ready" comes from init's result alone.
    const onStage = Comlink.proxy((stage: PythonStartStage) => {
      if (stage === 'ready') return;
      if (this.runtime === runtime && START_ORDER.indexOf(stage) > START_ORDER.indexOf(this.stage as PythonStartStage)) {
        this.setStage(stage);
      }
    });
    const onOutput = Comlink.proxy((runId: number, stream: 'stdout' | 'stderr', text: string) => {
      // Output of an earlier run can trail its result: only the current run's reaches the caller.
      if (this.runtime === runtime && runId === this.runId) this.outputSink?.(stream, text);
    });
    const fetchPackage = this.options.fetchPackage ? Comlink.proxy(this.options.fetchPackage) : undefined;
    const runtime: LiveRuntime = { transport, stopper, retired: false, onDeath: null, ready: undefined as unknown as Promise<PythonRuntimeInfo> };
    transport.died.then((reason) => {
      if (runtime.retired) return;
      if (runtime.onDeath) runtime.onDeath(reason);
      else this.retire(runtime); // died while idle: the next script starts a fresh one
    });
    runtime.ready = Promise.race([
      transport.api.init(init, onStage, onOutput, fetchPackage).then(
        (info) => {
          if (this.runtime === runtime) this.setStage('ready');
          return info;
        },
        (err: unknown) => {
          throw new PythonRuntimeError(`The Python runtime could not start: ${(err as Error)?.message ?? String(err)}`);
        },
      ),
      transport.died.then((reason) => {
        throw new PythonRuntimeError(`The Python runtime stopped while starting: ${reason}`);
      }),
    ]);
    runtime.ready.catch(() => {
      // The next call starts over instead of failing forever.
      if (this.runtime === runtime || (this.runtime === null && !this.closed)) {
        this.retire(runtime);
        this.setStage('failed');
      }
    });
    return runtime;
  }

  private retire(runtime: LiveRuntime): void {
    runtime.retired = true;
    if (this.runtime === runtime) this.runtime = null;
    runtime.transport.terminate();
  }

  /** Replaces a killed or crashed runtime at once, so the next script finds a warm one. */
  private replace(runtime: LiveRuntime): void {
    this.retire(runtime);
    if (this.closed) return;
    this.current().ready.catch(() => undefined);
  }

  private setStage(stage: RuntimeStage): void {
    this.stage = stage;
    this.options.onStage?.(stage);
  }

  private async runNow(request: RunRequest): Promise<RunResult> {
    // The clock starts when the script can start: waiting for the runtime to load is not its run time.
    let started = performance.now();
    const elapsed = () => performance.now() - started;
    if (this.closed) throw new PythonRuntimeError('The Python runtime was closed.');
    if (request.signal?.aborted) return emptyResult('aborted', elapsed());
    const runtime = this.current();
    try {
      await abortable(runtime.ready, request.signal);
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') return emptyResult('aborted', elapsed());
      throw err;
    }
    // It died while idle after starting: its calls would never settle, so take a fresh one.
    if (runtime.retired) return this.runNow(request);
    started = performance.now();
    const runId = ++this.runId;
    const live = { stdout: new CappedText(request.maxCaptureChars), stderr: new CappedText(request.maxCaptureChars) };
    this.outputSink = (stream, text) => {
      live[stream].append(text);
      request.onOutput?.(stream, text);
    };
    runtime.stopper?.clear();

    return new Promise<RunResult>((resolve, reject) => {
      let settled = false;
      let stopping: StopReason | null = null;
      let deadline: ReturnType<typeof setTimeout> | undefined;
      let grace: ReturnType<typeof setTimeout> | undefined;
      const partial = (status: RunStatus): RunResult => ({
        status,
        stdout: live.stdout.text,
        stderr: live.stderr.text,
        stdoutChars: live.stdout.total,
        stderrChars: live.stderr.total,
        durationMs: elapsed(),
      });
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        clearTimeout(grace);
        request.signal?.removeEventListener('abort', onAbort);
        this.outputSink = null;
        this.rejectInFlight = null;
        runtime.onDeath = null;
        outcome();
      };
      const kill = (reason: StopReason) =>
        settle(() => {
          this.replace(runtime);
          resolve({ ...partial(reason), stoppedBy: 'restart' });
        });
      const stop = (reason: StopReason) => {
        if (settled || stopping) return;
        stopping = reason;
        if (!runtime.stopper?.interruptible()) return kill(reason);
        runtime.stopper.request(reason);
        grace = setTimeout(() => kill(reason), this.options.graceMs ?? 1000);
      };
      const onAbort = () => stop('aborted');
      const crash = (reason: string) =>
        settle(() => {
          this.replace(runtime);
          const result = partial('crashed');
          resolve({ ...result, stdout: stripFatalDump(result.stdout), stderr: stripFatalDump(result.stderr), crashReason: reason });
        });

      this.rejectInFlight = (err) => settle(() => reject(err));
      deadline = setTimeout(() => stop('timeout'), request.timeoutMs);
      request.signal?.addEventListener('abort', onAbort, { once: true });
      runtime.onDeath = crash;
      runtime.transport.api.run({ runId, code: request.code, maxCaptureChars: request.maxCaptureChars }).then(
        ({ runtimeSpent, ...result }) =>
          settle(() => {
            if (runtimeSpent) this.replace(runtime);
            resolve({ ...result, durationMs: elapsed() });
          }),
        (err: unknown) => {
          if (!runtime.retired) crash(describeCrash(err));
        },
      );
    });
  }
}

function bufferStopper(buffer: SharedArrayBuffer): RuntimeStopper {
  return { interruptible: () => true, request: (reason) => requestStop(buffer, reason), clear: () => clearStop(buffer) };
}

function emptyResult(status: RunStatus, durationMs: number): RunResult {
  return { status, stdout: '', stderr: '', stdoutChars: 0, stderrChars: 0, durationMs };
}

/** Waits for `promise` unless `signal` fires first (then rejects with an AbortError). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(Object.assign(new Error('Stopped before the Python runtime was ready.'), { name: 'AbortError' }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
