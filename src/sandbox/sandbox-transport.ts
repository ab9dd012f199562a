/**
 * The app's end of the Python sandbox: builds the opaque-origin frame (./frame-source.ts), hands it
 * Pyodide's files and the worker's source, and speaks the small validated protocol of
 * workers/python/sandbox-contract.ts. It implements the controller's `RuntimeTransport`, so the
 * controller's lazy start, time limit, stops and crash handling work unchanged; terminating = removing
 * the frame, which ends its worker with it.
 */
import type { PackageFetcher, PythonRuntimeInfo, PythonStartStage, PythonWorkerApi, WorkerRunRequest, WorkerRunResult } from '../../workers/python/contract';
import type { AppToSandbox, SandboxBootMessage, SandboxToApp } from '../../workers/python/sandbox-contract';
import type { RuntimeTransport } from '../python/runtime-controller';
import { stopReasonCode } from '../python/runtime-interrupt';
import { FRAME_ALLOW, FRAME_SANDBOX, frameScriptHash, frameSrcdoc } from './frame-source';
import { loadSandboxFiles, type SandboxBundle } from './sandbox-files';
import { allowedPackageUrls, parseSandboxMessage } from './validate';

export interface SandboxTransportOptions {
  /** Folder (ending in "/") holding Pyodide's files on the app's own origin. */
  pyodideIndexURL: string;
  /** A lockfile other than the one beside Pyodide. */
  lockFileURL?: string;
  /** Folder the lockfile's wheel names are fetched from; only those URLs are fetched for the sandbox. */
  packageBaseUrl: string;
  /** Ceiling of the Python heap in bytes (see ./heap-cap.ts). */
  memoryLimitBytes: number;
  /** Fetches a wheel in the page; default: `fetch` (the service worker keeps wheels for offline use). */
  fetchPackage?: PackageFetcher;
  /** Tests only: false turns off the defence-in-depth layer inside the sandbox (see the contract). */
  defenceInDepth?: boolean;
  /** How long the frame may take to answer the boot message. Default 20 s. */
  bootTimeoutMs?: number;
}

/** Starts one sandbox (frame + worker). */
export function spawnSandbox(options: SandboxTransportOptions): RuntimeTransport {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', FRAME_SANDBOX);
  frame.setAttribute('allow', FRAME_ALLOW);
  frame.setAttribute('aria-hidden', 'true');
  frame.title = 'Python sandbox';
  frame.hidden = true;
  const channel = new MessageChannel();
  const port = channel.port1;
  let interruptible = false;
  let ended = false;
  let reportDeath: (reason: string) => void = () => undefined;
  const died = new Promise<string>((resolve) => (reportDeath = resolve));
  const pending: { init?: Settler<PythonRuntimeInfo>; run?: Settler<WorkerRunResult> } = {};
  let listeners: Listeners = {};
  let allowedUrls = new Set<string>();
  const send = (message: AppToSandbox, transfer: Transferable[] = []) => {
    if (!ended) port.postMessage(message, transfer);
  };

  const die = (reason: string) => {
    if (ended) return;
    reportDeath(reason);
  };
  // A frame removed by anything but terminate() (an extension, a script of the page) takes its worker
  // with it silently: report that at once instead of at the script's time limit.
  const removalWatcher = new MutationObserver(() => {
    if (!frame.isConnected) {
      removalWatcher.disconnect();
      die('the Python sandbox frame was removed from the page');
    }
  });
  const bootTimer = setTimeout(() => die('the Python sandbox did not start in time'), options.bootTimeoutMs ?? 20_000);

  port.onmessage = (event) => {
    const message = parseSandboxMessage(event.data);
    if (!message || ended) return; // unknown shapes are ignored: the sandbox is untrusted
    handle(message);
  };

  const handle = (message: SandboxToApp) => {
    switch (message.type) {
      case 'frame-ready':
        clearTimeout(bootTimer);
        interruptible = message.interruptible;
        return;
      case 'died':
        return die(message.reason);
      case 'stage':
        return listeners.onStage?.(message.stage);
      case 'output':
        return listeners.onOutput?.(message.runId, message.stream, message.text);
      case 'fetch':
        return void fetchForSandbox(message.id, message.url);
      case 'init-done':
        return take(pending, 'init')?.resolve(message.info);
      case 'init-failed':
        return take(pending, 'init')?.reject(toError(message.error));
      case 'run-done':
        return take(pending, 'run')?.resolve(message.result);
      case 'run-failed':
        return take(pending, 'run')?.reject(toError(message.error));
    }
  };

  const fetchForSandbox = async (id: number, url: string) => {
    try {
      if (!allowedUrls.has(url)) throw new Error(`the sandbox asked for ${url}, which is not a package file of this Python`);
      const bytes = await (listeners.fetchPackage ?? pageFetch)(url);
      send({ type: 'fetched', id, bytes }, [bytes.buffer]);
    } catch (err) {
      const error = err as Error | undefined;
      send({ type: 'fetch-failed', id, error: { name: String(error?.name ?? 'Error'), message: String(error?.message ?? err) } });
    }
  };

  const booted = (async () => {
    const [bundle, hash] = await Promise.all([
      loadSandboxFiles(options.pyodideIndexURL, options.lockFileURL, options.memoryLimitBytes),
      frameScriptHash(),
    ]);
    allowedUrls = allowedPackageUrls(bundle.files.lock, options.packageBaseUrl);
    if (ended) return;
    frame.srcdoc = frameSrcdoc(hash);
    frame.addEventListener('load', () => bootFrame(frame, bundle, channel.port2, options.defenceInDepth === false), { once: true });
    document.body.append(frame);
    removalWatcher.observe(document.body, { childList: true });
  })();
  booted.catch((err: unknown) => die(`the Python runtime's files could not be read: ${(err as Error)?.message ?? String(err)}`));

  const api = {
    init(init: Parameters<PythonWorkerApi['init']>[0], onStage?: (stage: PythonStartStage) => void, onOutput?: Listeners['onOutput'], fetchPackage?: PackageFetcher) {
      listeners = { onStage, onOutput, fetchPackage };
      const { interruptBuffer: _ignored, indexURL: _index, lockFileURL: _lock, ...options } = init;
      return new Promise<PythonRuntimeInfo>((resolve, reject) => {
        pending.init = { resolve, reject };
        booted.then(() => send({ type: 'init', options }), () => undefined);
      });
    },
    run(request: WorkerRunRequest) {
      return new Promise<WorkerRunResult>((resolve, reject) => {
        pending.run = { resolve, reject };
        send({ type: 'run', request: { runId: request.runId, code: request.code, maxCaptureChars: request.maxCaptureChars } });
      });
    },
  };

  return {
    api: api as unknown as RuntimeTransport['api'],
    died,
    terminate() {
      ended = true;
      clearTimeout(bootTimer);
      removalWatcher.disconnect();
      port.close();
      frame.remove(); // ends the frame's worker (and any worker it started)
    },
    stopper: {
      interruptible: () => interruptible,
      request: (reason) => send({ type: 'stop', reasonCode: stopReasonCode(reason) }),
      clear: () => send({ type: 'clear' }),
    },
  };
}

interface Settler<T> {
  resolve(value: T): void;
  reject(err: Error): void;
}

interface Listeners {
  onStage?: (stage: PythonStartStage) => void;
  onOutput?: (runId: number, stream: 'stdout' | 'stderr', text: string) => void;
  fetchPackage?: PackageFetcher;
}

function take<K extends 'init' | 'run'>(pending: { init?: Settler<PythonRuntimeInfo>; run?: Settler<WorkerRunResult> }, key: K) {
  const settler = pending[key];
  pending[key] = undefined;
  return settler;
}

/** Posts the boot message to the frame (origin '*': an opaque origin has no name to target). */
function bootFrame(frame: HTMLIFrameElement, bundle: SandboxBundle, port: MessagePort, unhardened: boolean): void {
  const boot: SandboxBootMessage = { type: 'r1ci-sandbox-boot', workerSource: bundle.workerSource, files: bundle.files, ...(unhardened ? { unhardened } : {}) };
  // The bytes are copied, not transferred: the page keeps them for the next sandbox (a restart).
  frame.contentWindow?.postMessage(boot, '*', [port]);
}

function toError(error: { name: string; message: string }): Error {
  return Object.assign(new Error(error.message), { name: error.name });
}

async function pageFetch(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
  return new Uint8Array(await response.arrayBuffer());
}
