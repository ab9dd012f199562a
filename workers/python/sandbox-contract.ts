/**
 * Messages between the app and the sandboxed Python runtime (types only). The sandbox is a frame with
 * an opaque origin (src/sandbox/frame-source.ts) holding a classic worker (workers/python/sandbox-worker.ts);
 * the frame relays these messages between one MessagePort (the app's end) and its worker, and handles
 * `stop`/`clear` itself (it owns the interrupt buffer). Everything the sandbox sends is untrusted: the
 * app checks each message (src/sandbox/validate.ts) and treats results as data, never code.
 * No comlink on this boundary: comlink would let the other side read and set properties of the app's
 * objects (a prototype-pollution channel), so the app speaks only this small protocol.
 */
import type { RunResult } from '../../src/python/runner';
import type { PythonRuntimeInfo, PythonStartStage, PythonWorkerInit, WorkerRunRequest } from './contract';

/** Pyodide's files, fetched by the app from its own origin (the service worker serves them offline). */
export interface SandboxFiles {
  /** pyodide.mjs (the loader). */
  loader: string;
  /** pyodide.asm.mjs, with the heap ceiling patched in (src/sandbox/heap-cap.ts). */
  asm: string;
  wasm: ArrayBuffer;
  stdlib: ArrayBuffer;
  /** pyodide-lock.json as text. */
  lock: string;
}

/** The app's first message, posted to the frame's window with the app's MessagePort. */
export interface SandboxBootMessage {
  type: 'r1ci-sandbox-boot';
  /** The sandbox worker's bundled source (a classic script). */
  workerSource: string;
  files: SandboxFiles;
  /** Tests only: turn off the defence-in-depth layer (see SandboxWorkerBoot). */
  unhardened?: boolean;
}

/** The frame's boot message to its worker. */
export interface SandboxWorkerBoot {
  type: 'boot';
  files: SandboxFiles;
  /** The frame's own interrupt memory (absent when the frame is not cross-origin isolated). */
  interruptBuffer?: SharedArrayBuffer;
  /**
   * Tests only: `js` is the worker's whole global scope and nothing is deleted from it, so the red-team
   * suite can check that the opaque origin and the CSP hold by themselves.
   */
  unhardened?: boolean;
}

export interface SerializedError {
  name: string;
  message: string;
}

/** App -> sandbox. */
export type AppToSandbox =
  | { type: 'init'; options: Omit<PythonWorkerInit, 'interruptBuffer'> }
  | { type: 'run'; request: WorkerRunRequest }
  | { type: 'fetched'; id: number; bytes: Uint8Array }
  | { type: 'fetch-failed'; id: number; error: SerializedError }
  /** Handled by the frame: SIGINT with the reason code (runtime-interrupt.ts). */
  | { type: 'stop'; reasonCode: number }
  /** Handled by the frame: no stop pending. */
  | { type: 'clear' };

/** Sandbox -> app. */
export type SandboxToApp =
  /** From the frame, once: whether it could create an interrupt buffer (it is cross-origin isolated). */
  | { type: 'frame-ready'; interruptible: boolean }
  /** From the frame: its worker failed (script error, could not load). */
  | { type: 'died'; reason: string }
  | { type: 'stage'; stage: PythonStartStage }
  | { type: 'output'; runId: number; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'fetch'; id: number; url: string }
  | { type: 'init-done'; info: PythonRuntimeInfo }
  | { type: 'init-failed'; error: SerializedError }
  | { type: 'run-done'; result: RunResult & { runtimeSpent?: boolean } }
  | { type: 'run-failed'; error: SerializedError };
