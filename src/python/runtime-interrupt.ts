/**
 * The shared interrupt memory between the host and the Python worker: two Int32 slots. Slot 0 is
 * Pyodide's interrupt buffer (writing 2 = SIGINT raises KeyboardInterrupt at the next bytecode
 * boundary); slot 1 records why the host asked for the stop, so the worker can tell a stop it was asked
 * for from a KeyboardInterrupt the script raised itself.
 */
export type StopReason = 'timeout' | 'aborted';

const SIGINT = 2;
const REASON_CODES: Record<StopReason, number> = { timeout: 1, aborted: 2 };

export function createInterruptBuffer(): SharedArrayBuffer | undefined {
  return typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(8) : undefined;
}

/** The view Pyodide's `setInterruptBuffer` takes. */
export function signalSlot(buffer: SharedArrayBuffer): Int32Array {
  return new Int32Array(buffer, 0, 1);
}

/** The number slot 1 holds for `reason` (a sandboxed frame writes it into its own buffer, see src/sandbox/). */
export function stopReasonCode(reason: StopReason): number {
  return REASON_CODES[reason];
}

/** Host side: ask the running script to stop. */
export function requestStop(buffer: SharedArrayBuffer, reason: StopReason): void {
  const view = new Int32Array(buffer);
  Atomics.store(view, 1, REASON_CODES[reason]);
  Atomics.store(view, 0, SIGINT);
}

/** Host side, before each script: no stop pending (a late SIGINT must not hit the next script). */
export function clearStop(buffer: SharedArrayBuffer): void {
  const view = new Int32Array(buffer);
  Atomics.store(view, 0, 0);
  Atomics.store(view, 1, 0);
}

/** Worker side: the stop the host asked for during this script, if any. */
export function readStopReason(buffer: SharedArrayBuffer | undefined): StopReason | null {
  if (!buffer) return null;
  const code = Atomics.load(new Int32Array(buffer), 1);
  if (code === REASON_CODES.timeout) return 'timeout';
  if (code === REASON_CODES.aborted) return 'aborted';
  return null;
}
