/// <reference path="./virtual-worker.d.ts" />
/**
 * What the app hands to each sandbox: Pyodide's files, fetched from the app's own origin (so the
 * service worker's precache answers them offline), and the sandbox worker's bundled source. Fetched
 * once per page and kept: a restarted sandbox gets copies at once.
 */
import type { SandboxFiles } from '../../workers/python/sandbox-contract';
import { capHeap } from './heap-cap';

export interface SandboxBundle {
  files: SandboxFiles;
  workerSource: string;
}

const bundles = new Map<string, Promise<SandboxBundle>>();

/** The files for `indexURL` (ending in "/") with the heap capped at `memoryLimitBytes`; cached per page. */
export function loadSandboxFiles(indexURL: string, lockFileURL: string | undefined, memoryLimitBytes: number): Promise<SandboxBundle> {
  const key = `${indexURL}\n${lockFileURL ?? ''}\n${memoryLimitBytes}`;
  let bundle = bundles.get(key);
  if (!bundle) {
    bundle = fetchBundle(indexURL, lockFileURL, memoryLimitBytes);
    bundles.set(key, bundle);
    bundle.catch(() => bundles.delete(key)); // a failed fetch (offline before the first visit) is tried again next time
  }
  return bundle;
}

async function fetchBundle(indexURL: string, lockFileURL: string | undefined, memoryLimitBytes: number): Promise<SandboxBundle> {
  const [loader, asm, wasm, stdlib, lock, workerSource] = await Promise.all([
    fetchFile(`${indexURL}pyodide.mjs`, 'text'),
    fetchFile(`${indexURL}pyodide.asm.mjs`, 'text'),
    fetchFile(`${indexURL}pyodide.asm.wasm`, 'bytes'),
    fetchFile(`${indexURL}python_stdlib.zip`, 'bytes'),
    fetchFile(lockFileURL ?? `${indexURL}pyodide-lock.json`, 'text'),
    import('virtual:r1ci-python-sandbox-worker').then((module) => module.default),
  ]);
  return { files: { loader, asm: capHeap(asm, memoryLimitBytes), wasm, stdlib, lock }, workerSource };
}

async function fetchFile(url: string, as: 'text'): Promise<string>;
async function fetchFile(url: string, as: 'bytes'): Promise<ArrayBuffer>;
async function fetchFile(url: string, as: 'text' | 'bytes'): Promise<string | ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(`${url} could not be downloaded (offline before the app was fully stored?)`);
  }
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return as === 'text' ? response.text() : response.arrayBuffer();
}
