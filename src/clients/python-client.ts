import * as Comlink from 'comlink';
import type { PackageFetcher, PythonRuntimeInfo, PythonWorkerApi } from '../../workers/python/contract';
import type { PythonRunner, RunRequest, RunResult } from '../python/runner';
import { PythonRuntimeController, type RuntimeStage, type RuntimeTransport, type StopMode } from '../python/runtime-controller';
import { DEFAULT_PACKAGE_BASE_URL, DEFAULT_SCRIPT_PATH } from '../python/runtime-defaults';

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
  /** Makes the worker; tests pass a fake. */
  createWorker?: () => Worker;
}

/**
 * The main thread's handle on the Python worker: starts it lazily (or early with `start()`, e.g. while
 * the model loads), runs one script at a time, and stops runaway scripts by SIGINT when the page is
 * cross-origin isolated (SharedArrayBuffer available), else by terminating the worker and starting a
 * new one. Calls in flight when the worker dies are answered with a crashed result; on `close()` they
 * are rejected.
 */
export class PythonClient implements PythonRunner {
  private readonly controller: PythonRuntimeController;

  constructor(options: PythonClientOptions = {}) {
    const createWorker = options.createWorker ?? createPythonWorker;
    this.controller = new PythonRuntimeController({
      spawn: () => spawnBrowserWorker(createWorker()),
      init: {
        packageBaseUrl: options.packageBaseUrl ?? DEFAULT_PACKAGE_BASE_URL,
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

function createPythonWorker(): Worker {
  return new Worker(new URL('../../workers/python/worker.ts', import.meta.url), { type: 'module', name: 'python' });
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
