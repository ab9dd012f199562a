/**
 * The Python worker's contract: types only, imported with `import type` by the worker entries
 * (`workers/python/worker.ts` in the browser, `src/python/node-worker.ts` in Node) and by the host side
 * (`src/python/runtime-controller.ts`). Nothing here runs.
 */
import type { RunResult } from '../../src/python/runner';

/** Start-up stages, reported in order through `PythonWorkerHooks.onStage`. */
export type PythonStartStage =
  | 'spawning' //         the host is creating the worker (reported by the host, not the worker)
  | 'loading-runtime' //  fetching and compiling Pyodide (pyodide.asm.wasm, python_stdlib.zip)
  | 'starting-python' //  interpreter booting, driver installed
  | 'ready';

/** Settings for one runtime, given once to `init`. */
export interface PythonWorkerInit {
  /** Folder (ending in "/") holding pyodide.mjs, pyodide.asm.mjs/.wasm, python_stdlib.zip, pyodide-lock.json. Browser only. */
  indexURL?: string;
  /** Lockfile describing the packages that can be loaded; default: the one beside Pyodide. */
  lockFileURL?: string;
  /** Folder (ending in "/") relative to which the lockfile's wheel file names are fetched. */
  packageBaseUrl: string;
  /**
   * Shared memory of 2 Int32 slots: slot 0 is Pyodide's interrupt buffer (the host writes 2 = SIGINT),
   * slot 1 says why the host stopped the script (see src/python/runtime-interrupt.ts). Absent when SharedArrayBuffer
   * is unavailable; then the host stops scripts by terminating the worker.
   */
  interruptBuffer?: SharedArrayBuffer;
  /** Path in Pyodide's file system the script is written to and compiled as (shown in tracebacks). */
  scriptPath: string;
  /**
   * Ceiling of the Python heap in bytes (past it allocations raise MemoryError). Node only; the
   * browser sandbox caps the loader it hands over itself (src/sandbox/heap-cap.ts).
   */
  memoryLimitBytes?: number;
}

/**
 * Live output of the running script (batched; only the text kept under the capture cap). It travels on
 * its own channel, so it can arrive after the run's result: `runId` tells which run it belongs to.
 */
export type OutputListener = (runId: number, stream: 'stdout' | 'stderr', text: string) => void;

/**
 * Fetches a wheel's bytes on the worker's behalf. Absent: the worker fetches the URL itself. The
 * sandbox (issue 6) passes one so an offline worker still gets packages.
 */
export type PackageFetcher = (url: string) => Promise<Uint8Array>;

export interface PythonRuntimeInfo {
  pyodideVersion: string;
  pythonVersion: string;
  /** True when the interrupt buffer is installed (stops keep this runtime). */
  interruptible: boolean;
}

export interface WorkerRunRequest {
  /** Chosen by the host; echoed with each piece of live output. */
  runId: number;
  code: string;
  maxCaptureChars: number;
}

/** A run's result as the worker reports it; the host fills in `stoppedBy`. */
export interface WorkerRunResult extends RunResult {
  /** The runtime cannot run another script (e.g. the script called os._exit): the host must replace it. */
  runtimeSpent?: boolean;
}

/** What the worker exposes over comlink. */
export interface PythonWorkerApi {
  /**
   * Loads Pyodide and installs the driver. The callbacks are given once for the runtime's life (comlink
   * proxies when crossing a thread: comlink only proxies top-level arguments, hence no options object).
   */
  init(
    options: PythonWorkerInit,
    onStage?: (stage: PythonStartStage) => void,
    onOutput?: OutputListener,
    fetchPackage?: PackageFetcher,
  ): Promise<PythonRuntimeInfo>;
  /** Runs one script. Rejects only when the runtime itself failed (fatal error): the host treats that as a crash. */
  run(request: WorkerRunRequest): Promise<WorkerRunResult>;
}
