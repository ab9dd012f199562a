import type { PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import type { OutputListener, WorkerRunRequest, WorkerRunResult } from '../../workers/python/contract';
import type { RunStatus } from './runner';
import { CappedText, OutputBatcher } from './runtime-capture';
import { DRIVER_SOURCE } from './runtime-driver';
import type { StopReason } from './runtime-interrupt';
import type { PackageLoader } from './runtime-packages';

/**
 * The in-thread Python runtime: given a loaded Pyodide, runs one script per call as CPython runs a
 * file (see runtime-driver.ts), captures stdout and stderr apart under a cap, loads the packages the
 * script imports, and returns a RunResult. It runs in whatever thread holds Pyodide (a browser worker,
 * a Node worker thread, or the caller's own thread in a quick test); stopping a runaway script is the
 * host's job (runtime-controller.ts), which tells this core why it interrupted through `stopReason`.
 */
export interface RuntimeCoreOptions {
  /** Where the script is written and what tracebacks call it, e.g. "/tmp/script.py". */
  scriptPath: string;
  /** Loads the script's imports from the package base URL; absent: no packages on demand. */
  packages?: PackageLoader;
  /** Why the host interrupted the current script, if it did (read after a KeyboardInterrupt). */
  stopReason?: () => StopReason | null;
  /** Live output of the current script. */
  onOutput?: OutputListener;
}

interface RunSink {
  stdout: CappedText;
  stderr: CappedText;
  batcher: OutputBatcher;
}

type DriverOutcome = [kind: 'ok' | 'error' | 'exit' | 'interrupt', exitCode: number, stderrText: string];

export class PythonRuntimeCore {
  private readonly runScript: PyProxy & ((code: string, path: string, missing: PyProxy) => PyProxy);
  private sink: RunSink | null = null;

  constructor(
    private readonly pyodide: PyodideAPI,
    private readonly options: RuntimeCoreOptions,
  ) {
    for (const stream of ['stdout', 'stderr'] as const) {
      const decoder = new TextDecoder();
      const writer = {
        isatty: false,
        write: (bytes: Uint8Array) => {
          const text = decoder.decode(bytes, { stream: true });
          if (this.sink) this.sink.batcher.push(stream, this.sink[stream].append(text));
          return bytes.length;
        },
      };
      if (stream === 'stdout') pyodide.setStdout(writer);
      else pyodide.setStderr(writer);
    }
    // No keyboard: input() raises EOFError at once, as for a subprocess whose stdin is closed.
    pyodide.setStdin({ stdin: () => null, isatty: false });
    const namespace = pyodide.globals.get('dict')() as PyProxy;
    pyodide.runPython(DRIVER_SOURCE, { globals: namespace, filename: '<r1ci-driver>' });
    this.runScript = (namespace as unknown as { get(key: string): PyProxy }).get('run_script') as typeof this.runScript;
  }

  async run(request: WorkerRunRequest): Promise<WorkerRunResult> {
    const started = performance.now();
    const sink: RunSink = {
      stdout: new CappedText(request.maxCaptureChars),
      stderr: new CappedText(request.maxCaptureChars),
      batcher: new OutputBatcher(this.options.onOutput && ((stream, text) => this.options.onOutput?.(request.runId, stream, text))),
    };
    const packages = this.options.packages ? await this.options.packages.loadFor(request.code) : { loaded: [], missing: {} };
    this.sink = sink;
    let outcome: DriverOutcome;
    let runtimeSpent = false;
    try {
      outcome = this.callDriver(request.code, packages.missing);
    } catch (err) {
      const error = err as Error & { type?: string; status?: number };
      if (error?.name === 'PythonError' && error.type === 'KeyboardInterrupt') {
        // The interrupt landed in the driver itself (after the script's last line): still a stop.
        outcome = ['interrupt', 1, ''];
      } else if (error?.name === 'ExitStatus' || error?.name === 'Exit') {
        // os._exit(): the interpreter is gone; the script ended with that status.
        outcome = ['exit', error.status ?? 1, ''];
        runtimeSpent = true;
      } else {
        this.sink = null;
        throw err; // a fatal error of the runtime: the host reports a crash and replaces it
      }
    } finally {
      sink.batcher.flush();
    }
    this.sink = null;
    const [kind, exitCode, stderrText] = outcome;
    const stop = this.options.stopReason?.() ?? null;
    // A stop the host asked for prints no traceback: a killed subprocess prints none either.
    if (!(kind === 'interrupt' && stop)) sink.batcher.push('stderr', sink.stderr.append(stderrText));
    await sink.batcher.drain();
    const status: RunStatus = stop ?? (kind === 'ok' || (kind === 'exit' && exitCode === 0) ? 'ok' : 'error');
    return {
      status,
      stdout: sink.stdout.text,
      stderr: sink.stderr.text,
      stdoutChars: sink.stdout.total,
      stderrChars: sink.stderr.total,
      loadedPackages: packages.loaded,
      durationMs: performance.now() - started,
      ...(stop ? { stoppedBy: 'interrupt' as const } : {}),
      ...(runtimeSpent ? { runtimeSpent } : {}),
    };
  }

  private callDriver(code: string, missing: Record<string, string>): DriverOutcome {
    const missingDict = this.pyodide.toPy(missing) as PyProxy;
    try {
      const result = this.runScript(code, this.options.scriptPath, missingDict);
      const outcome = (result as unknown as { toJs(): DriverOutcome }).toJs();
      result.destroy();
      return outcome;
    } finally {
      missingDict.destroy();
    }
  }
}
