import * as Comlink from 'comlink';
import type { PackageFetcher, PythonRuntimeInfo, PythonWorkerApi } from '../../workers/python/contract';
import type { PythonRunner, RunRequest, RunResult } from '../python/runner';
import { PythonRuntimeController, type RuntimeStage, type RuntimeTransport, type StopMode } from '../python/runtime-controller';
import { DEFAULT_PACKAGE_BASE_URL, DEFAULT_SCRIPT_PATH } from '../python/runtime-defaults';
import { DEFAULT_MEMORY_LIMIT_BYTES } from '../sandbox/heap-cap';
import { spawnSandbox } from '../sandbox/sandbox-transport';

export type { RuntimeStage, StopMode };

export interface PythonClientOptions {
  /** Folder (ending in "/") the package wheels are fetched from. Default: Pyodide's CDN. */
  packageBaseUrl?: string;
  /** Folder holding Pyodide's runtime files. Default: `pyodide/` at the site root (see the worker). */
  pyodideIndexURL?: string;
  /** A lockfile other than the one beside Pyodide. */
  lockFileURL?: string;
  /** How long a SIGINT may take before the worker is terminated instead. Default 1000 ms. */
  graceMs?: number;
  /** Fetch wheels in the page and hand the bytes to the worker (for a worker without network). */
  fetchPackage?: PackageFetcher;
  /** Start-up stages and restarts, for the UI. */
  onStage?: (stage: RuntimeStage) => void;
  /** Ceiling of Python's memory in bytes; past it allocations raise MemoryError. Default 1 GiB. */
  memoryLimitBytes?: number;
  /**
   * Tests only: false turns off the sandbox's defence-in-depth layer (restricted `js` module, network
   * and storage constructors deleted), to check that the opaque origin and the CSP hold by themselves.
   */
  sandboxDefenceInDepth?: boolean;
  /**
   * Makes a plain (unsandboxed) worker speaking comlink; tests pass a fake. Absent (the app): Python
   * runs in the sandbox of src/sandbox/ (opaque-origin frame, no network, see SECURITY.md).
   */
  createWorker?: () => Worker;
}

/**
 * The main thread's handle on the Python worker, which runs in the sandbox (src/sandbox/): starts it lazily (or early with `start()`, e.g. while
 * the model loads), runs one script at a time, and stops runaway scripts by SIGINT when the page is
 * cross-origin isolated (SharedArrayBuffer available), else by terminating the worker and starting a
 * new one. Calls in flight when the worker dies are answered with a crashed result; on `close()` they
 * are rejected.
 */
export class PythonClient implements PythonRunner {
  private readonly controller: PythonRuntimeController;

  constructor(options: PythonClientOptions = {}) {
    const { createWorker } = options;
    const packageBaseUrl = options.packageBaseUrl ?? DEFAULT_PACKAGE_BASE_URL;
    const sandbox = {
      pyodideIndexURL: options.pyodideIndexURL ?? defaultIndexURL(),
      lockFileURL: options.lockFileURL,
      packageBaseUrl,
      memoryLimitBytes: options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES,
      defenceInDepth: options.sandboxDefenceInDepth ?? true,
    };
    this.controller = new PythonRuntimeController({
      spawn: () => (createWorker ? spawnBrowserWorker(createWorker()) : spawnSandbox(sandbox)),
      init: {
        packageBaseUrl,
        scriptPath: DEFAULT_SCRIPT_PATH,
        ...(options.pyodideIndexURL ? { indexURL: options.pyodideIndexURL } : {}),
        ...(options.lockFileURL ? { lockFileURL: options.lockFileURL } : {}),
      },
      interrupt: globalThis.crossOriginIsolated === true,
      graceMs: options.graceMs,
      fetchPackage: options.fetchPackage,
      onStage: options.onStage,
    });
  }

  /** "interrupt" when the page is cross-origin isolated, else "restart". */
  get stopMode(): StopMode {
    return this.controller.stopMode;
  }

  /** The current start-up stage ("idle" before `start()` or the first run). */
  get stage(): RuntimeStage {
    return this.controller.currentStage;
  }

  /** Workers started so far (1 + restarts). */
  get workerStarts(): number {
    return this.controller.workerStarts;
  }

  /** Starts the worker now if it is not running; resolves when scripts can run. */
  start(): Promise<PythonRuntimeInfo> {
    return this.controller.ready();
  }

  /** Same as `start()`: the runtime's ready promise (starting it if needed). */
  get ready(): Promise<PythonRuntimeInfo> {
    return this.controller.ready();
  }

  run(request: RunRequest): Promise<RunResult> {
    return this.controller.run(request);
  }

  /** Terminates the worker; a script in flight is rejected. */
  close(): void {
    this.controller.close();
  }
}

/**
 * Pyodide's files beside the site: built, this module is a chunk in `assets/`, one level below the
 * site root where the plugin puts `pyodide/`; in dev the plugin answers `pyodide/` under any folder.
 */
function defaultIndexURL(): string {
  // Not a literal inside new URL(): Vite would rewrite it as an asset reference (and drop the slash).
  const folder = '../pyodide/';
  return new URL(folder, import.meta.url).href;
}

function spawnBrowserWorker(worker: Worker): RuntimeTransport {
  const died = new Promise<string>((resolve) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      resolve(`the Python worker failed: ${event.message || 'its script could not be loaded'}`);
    });
    worker.addEventListener('messageerror', () => resolve('the Python worker sent a message that could not be read'));
  });
  return {
    api: Comlink.wrap<PythonWorkerApi>(worker),
    terminate: () => worker.terminate(),
    died,
  };
}
