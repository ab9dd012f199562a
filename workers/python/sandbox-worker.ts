/**
 * The Python worker inside the sandbox (a classic worker created from a blob: URL by the opaque-origin
 * frame of src/sandbox/frame-source.ts; bundled into one script by scripts/vite-plugin-pyodide.ts).
 * It has no network (the frame's Content-Security-Policy, inherited by this worker, allows no
 * connection) and no access to the app's storage (opaque origin): Pyodide is loaded from the bytes the
 * app handed over, and wheels arrive the same way (`fetch` messages answered by the app).
 * On top of that, as defence in depth only, Python's `js` module is a small object instead of this
 * worker's global scope, and the network and storage constructors are deleted from the global scope
 * before any script runs.
 */
import type { loadPyodide as LoadPyodide, PyodideAPI } from 'pyodide';
import type { PythonWorkerApi } from './contract';
import type { AppToSandbox, SandboxFiles, SandboxToApp, SandboxWorkerBoot, SerializedError } from './sandbox-contract';
import { createPythonWorkerApi } from '../../src/python/runtime-worker-api';

declare const self: DedicatedWorkerGlobalScope;

/** Any URL works: Pyodide's fetches of its own files are answered from the handed-over bytes. */
const INDEX_URL = 'https://pyodide.sandbox.invalid/';

// Kept before the global scope is stripped: this worker's only line out is its frame.
const post = self.postMessage.bind(self) as (message: SandboxToApp) => void;
const pendingFetches = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (err: Error) => void }>();
let nextFetchId = 0;
let api: PythonWorkerApi | null = null;
let interruptBuffer: SharedArrayBuffer | undefined;
let hardened = true;

// An error thrown later by something a script left behind (a timer callback, a worker it started)
// would otherwise reach the frame as this worker's death during the NEXT script. Fatal errors of the
// runtime still arrive, as a failed run (the run promise rejects).
self.addEventListener('error', (event) => event.preventDefault());

self.onmessage = (event: MessageEvent<SandboxWorkerBoot | AppToSandbox>) => {
  const message = event.data;
  if (message.type === 'boot') {
    if (api) return;
    interruptBuffer = message.interruptBuffer;
    hardened = message.unhardened !== true;
    api = createPythonWorkerApi(() => loadFromBytes(message.files));
    return;
  }
  if (!api) return;
  switch (message.type) {
    case 'init':
      api
        .init(
          { ...message.options, ...(interruptBuffer ? { interruptBuffer } : {}) },
          (stage) => post({ type: 'stage', stage }),
          (runId, stream, text) => post({ type: 'output', runId, stream, text }),
          fetchThroughApp,
        )
        .then(
          (info) => {
            if (hardened) stripGlobalScope();
            post({ type: 'init-done', info });
          },
          (err: unknown) => post({ type: 'init-failed', error: serializeError(err) }),
        );
      return;
    case 'run':
      api.run(message.request).then(
        (result) => post({ type: 'run-done', result }),
        (err: unknown) => post({ type: 'run-failed', error: serializeError(err) }),
      );
      return;
    case 'fetched':
      pendingFetches.get(message.id)?.resolve(message.bytes);
      pendingFetches.delete(message.id);
      return;
    case 'fetch-failed':
      pendingFetches.get(message.id)?.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
      pendingFetches.delete(message.id);
      return;
  }
};

/** The app fetches a wheel on the worker's behalf (it checks the URL against the lockfile first). */
function fetchThroughApp(url: string): Promise<Uint8Array> {
  const id = ++nextFetchId;
  return new Promise((resolve, reject) => {
    pendingFetches.set(id, { resolve, reject });
    post({ type: 'fetch', id, url });
  });
}

async function loadFromBytes(files: SandboxFiles): Promise<PyodideAPI> {
  const { loadPyodide } = (await import(/* @vite-ignore */ moduleUrl(files.loader))) as { loadPyodide: typeof LoadPyodide };
  const createPyodideModule = ((await import(/* @vite-ignore */ moduleUrl(files.asm))) as { default: unknown }).default;
  // Pyodide fetches pyodide.asm.wasm and python_stdlib.zip from its index URL: answer from the bytes.
  const served: Record<string, () => Response> = {
    'pyodide.asm.wasm': () => new Response(files.wasm.slice(0), { headers: { 'content-type': 'application/wasm' } }),
    'python_stdlib.zip': () => new Response(files.stdlib.slice(0), { headers: { 'content-type': 'application/zip' } }),
  };
  self.fetch = async (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : String(input);
    const answer = served[url.slice(url.lastIndexOf('/') + 1)];
    if (!url.startsWith(INDEX_URL) || !answer) throw new TypeError(`The Python sandbox has no network (asked for ${url}).`);
    return answer();
  };
  return loadPyodide({
    indexURL: INDEX_URL,
    createPyodideModule,
    lockFileContents: JSON.parse(files.lock),
    // `js` in Python: a few harmless globals instead of the worker's scope (defence in depth; the
    // opaque origin and the CSP are what hold).
    jsglobals: hardened ? { Object, Array, Math, JSON, Promise, Error, Date, setTimeout, clearTimeout } : self,
    stdout: () => undefined,
    stderr: () => undefined,
  } as Parameters<typeof LoadPyodide>[0] & { createPyodideModule: unknown });
}

function moduleUrl(source: string): string {
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

/** Names removed from the worker's global scope once Pyodide is loaded (all blocked anyway by CSP or the opaque origin). */
const STRIPPED = [
  'fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'WebTransport', 'EventSource', 'importScripts',
  'Worker', 'SharedWorker', 'BroadcastChannel', 'indexedDB', 'caches', 'postMessage', 'close',
  'Request', 'FileReaderSync',
];

function stripGlobalScope(): void {
  for (let scope: object | null = self; scope && scope !== Object.prototype; scope = Object.getPrototypeOf(scope)) {
    for (const name of STRIPPED) {
      try {
        if (Object.prototype.hasOwnProperty.call(scope, name)) delete (scope as Record<string, unknown>)[name];
      } catch {
        // A non-configurable property stays; the sandbox does not rely on this list.
      }
    }
  }
}

function serializeError(err: unknown): SerializedError {
  const error = err as Error | undefined;
  return { name: String(error?.name ?? 'Error'), message: String(error?.message ?? err) };
}
