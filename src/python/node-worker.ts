/**
 * Entry of the Node worker thread that holds Pyodide (started by node-runner.ts through
 * node-worker-boot.mjs, which registers tsx so this TypeScript file loads). Pyodide comes from the npm
 * package; everything else is the worker side shared with the browser (runtime-worker-api.ts).
 */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadPyodide } from 'pyodide';
import { createPythonWorkerApi } from './runtime-worker-api';

if (!parentPort) throw new Error('node-worker.ts must run in a worker thread (see node-runner.ts).');

const api = createPythonWorkerApi((init) =>
  loadPyodide({
    ...lockfileOption(init.lockFileURL),
    // Start-up messages are not the script's output.
    stdout: () => undefined,
    stderr: () => undefined,
  }),
);

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
