/**
 * The interface between the loop and whatever runs Python (a Node worker thread, the app's Python
 * worker, a sandboxed frame). Failures of the user's Python are results, never exceptions; a runner
 * throws only when it cannot run anything at all (and then the loop ends with stop reason "error").
 */
export interface PythonRunner {
  run(request: RunRequest): Promise<RunResult>;
}

export interface RunRequest {
  code: string;
  /** Wall-clock limit in milliseconds; past it the script is stopped and status is "timeout". */
  timeoutMs: number;
  /** Keep at most this many characters of each stream (the rest is counted, not kept). */
  maxCaptureChars: number;
  /** Aborting stops the script like a timeout would, with status "aborted". */
  signal?: AbortSignal;
  /** Live output for the UI while the script runs (batched; may be dropped if the page is busy). */
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
}

export type RunStatus =
  | 'ok' //       ran to the end (or sys.exit(0))
  | 'error' //    raised, or sys.exit with a non-zero code: the traceback is in stderr
  | 'timeout' //  stopped at the time limit
  | 'aborted' //  stopped because the user stopped the session
  | 'crashed'; // the runtime itself died (wasm trap, out of memory, worker gone); it was replaced

export interface RunResult {
  status: RunStatus;
  /** Captured stdout, at most maxCaptureChars. */
  stdout: string;
  /** Captured stderr (tracebacks as CPython prints them for a script), at most maxCaptureChars. */
  stderr: string;
  /** Characters written to each stream in all, kept or not. */
  stdoutChars: number;
  stderrChars: number;
  /** For status "crashed": what happened, in words (e.g. "out of memory"). */
  crashReason?: string;
  /** Packages loaded on demand for this script. */
  loadedPackages?: string[];
  durationMs: number;
  /** How the stop was done, for figures: "interrupt" (same runtime kept) or "restart" (runtime replaced). */
  stoppedBy?: 'interrupt' | 'restart';
}
