import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { PackageFetcher, PythonRuntimeInfo, PythonWorkerApi } from '../../workers/python/contract';
import type { PythonRunner, RunRequest, RunResult } from './runner';
import { PythonRuntimeController, type RuntimeStage, type RuntimeTransport, type StopMode } from './runtime-controller';

import { DEFAULT_PACKAGE_BASE_URL, DEFAULT_SCRIPT_PATH } from './runtime-defaults';
import { DEFAULT_MEMORY_LIMIT_BYTES } from '../sandbox/heap-cap';

export { DEFAULT_PACKAGE_BASE_URL };

export interface NodePythonRunnerOptions {
  /** Folder (ending in "/") the lockfile's wheels are fetched from. Default: Pyodide's CDN. */
  packageBaseUrl?: string;
  /** A lockfile other than the npm package's (a URL or a path). */
  lockFileURL?: string;
  /** Path the script is written to and shown as in tracebacks. Default "/tmp/script.py". */
  scriptPath?: string;
  /** "restart" forces terminate-and-restart stops (for figures and tests); default "interrupt". */
  stopMode?: StopMode;
  /** How long a SIGINT may take before the thread is terminated. Default 1000 ms. */
  graceMs?: number;
  fetchPackage?: PackageFetcher;
  onStage?: (stage: RuntimeStage) => void;
  /** Ceiling of Python's memory in bytes; past it allocations raise MemoryError. Default 1 GiB (as in the browser). */
  memoryLimitBytes?: number;
}

/**
 * The Python runner for Node (command line, tests, benchmarks): Pyodide in a worker thread, so a
 * runaway script can be interrupted or the thread replaced. Call `close()` when done so the process
 * can exit.
 */
export class NodePythonRunner implements PythonRunner {
  private readonly controller: PythonRuntimeController;

  constructor(options: NodePythonRunnerOptions = {}) {
    this.controller = new PythonRuntimeController({
      spawn: spawnNodeWorker,
      init: {
        packageBaseUrl: options.packageBaseUrl ?? DEFAULT_PACKAGE_BASE_URL,
        scriptPath: options.scriptPath ?? DEFAULT_SCRIPT_PATH,
        memoryLimitBytes: options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES,
        ...(options.lockFileURL ? { lockFileURL: options.lockFileURL } : {}),
      },
      interrupt: (options.stopMode ?? 'interrupt') === 'interrupt',
      graceMs: options.graceMs,
      fetchPackage: options.fetchPackage,
      onStage: options.onStage,
    });
  }

  get stopMode(): StopMode {
    return this.controller.stopMode;
  }

  /** How many worker threads were started so far (1 + restarts). */
  get workerStarts(): number {
    return this.controller.workerStarts;
  }

  /** Starts Pyodide now; resolves when scripts can run. */
  ready(): Promise<PythonRuntimeInfo> {
    return this.controller.ready();
  }

  run(request: RunRequest): Promise<RunResult> {
    return this.controller.run(request);
  }

  close(): void {
    this.controller.close();
  }
}

/** Keeps the last characters the worker wrote to its own stderr: Pyodide explains fatal errors there. */
const STDERR_TAIL_CHARS = 2000;

function spawnNodeWorker(): RuntimeTransport {
  const worker = new Worker(new URL('./node-worker-boot.mjs', import.meta.url), { stdout: true, stderr: true });
  let stderrTail = '';
  worker.stdout.resume();
  worker.stderr.setEncoding('utf8');
  worker.stderr.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const died = new Promise<string>((resolve) => {
    worker.once('error', (err: Error) => resolve(`the Python worker failed: ${err?.message ?? String(err)}`));
    worker.once('exit', (code) => resolve(`the Python worker exited with code ${code}${stderrTail ? ` (${lastLine(stderrTail)})` : ''}`));
  });
  return {
    api: Comlink.wrap<PythonWorkerApi>(nodeEndpoint(worker)),
    terminate: () => void worker.terminate(),
    died,
  };
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
