/**
 * Entry of the Node worker thread that holds Pyodide (started by node-runner.ts through
 * node-worker-boot.mjs, which registers tsx so this TypeScript file loads). Pyodide comes from the npm
 * package; everything else is the worker side shared with the browser (runtime-worker-api.ts).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadPyodide } from 'pyodide';
import { capHeap } from '../sandbox/heap-cap';
import { createPythonWorkerApi } from './runtime-worker-api';

if (!parentPort) throw new Error('node-worker.ts must run in a worker thread (see node-runner.ts).');

const api = createPythonWorkerApi(async (init) =>
  loadPyodide({
    ...lockfileOption(init.lockFileURL),
    // createPyodideModule is a real loadPyodide option, missing from its published type.
    ...((init.memoryLimitBytes ? { createPyodideModule: await cappedModule(init.memoryLimitBytes) } : {}) as object),
    // Start-up messages are not the script's output.
    stdout: () => undefined,
    stderr: () => undefined,
  }),
);

/**
 * Pyodide's loader with its heap ceiling lowered (as the browser sandbox does), written once per limit
 * to the temp folder and imported from there; the wasm and stdlib are still found through indexURL.
 */
async function cappedModule(limitBytes: number): Promise<unknown> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const file = join(tmpdir(), `r1ci-pyodide-asm-${version}-${limitBytes}.mjs`);
  if (!existsSync(file)) {
    // Written aside and renamed, so a runner starting at the same moment never imports half a file.
    const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(partial, capHeap(readFileSync(join(packageDir, 'pyodide.asm.mjs'), 'utf8'), limitBytes));
    renameSync(partial, file);
  }
  return ((await import(pathToFileURL(file).href)) as { default: unknown }).default;
}

/** In Node, Pyodide reads `lockFileURL` as a file path only; an http(s) lockfile is fetched here. */
function lockfileOption(url: string | undefined): { lockFileURL?: string; lockFileContents?: Promise<string> } {
  if (!url) return {};
  if (!/^https?:/.test(url)) return { lockFileURL: url };
  const contents = fetch(url).then((response) => {
    if (!response.ok) throw new Error(`Cannot load the package list ${url}: the server answered ${response.status}.`);
    return response.text();
  });
  return { lockFileContents: contents };
}

Comlink.expose(api, nodeEndpoint(parentPort));
