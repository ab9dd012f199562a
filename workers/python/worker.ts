/**
 * The app's Python worker (a module Web Worker): loads Pyodide from the files the build copies beside
 * the site (scripts/vite-plugin-pyodide.ts) and exposes the contract over comlink. Pyodide is loaded
 * with a URL relative to this worker, so the built site works under any sub-path.
 */
import * as Comlink from 'comlink';
import type { loadPyodide } from 'pyodide';
import { createPythonWorkerApi } from '../../src/python/runtime-worker-api';

/**
 * Built, this worker is a chunk in the site's assets folder, one level below the site root where the
 * plugin puts `pyodide/`; in dev the plugin answers `pyodide/` requests under any folder.
 */
function defaultIndexURL(): string {
  return new URL('../pyodide/', self.location.href).href;
}

const api = createPythonWorkerApi(async (init) => {
  const indexURL = init.indexURL ?? defaultIndexURL();
  // Imported from the copied files, not bundled: pyodide.mjs loads its siblings relative to itself.
  const pyodide = (await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`)) as { loadPyodide: typeof loadPyodide };
  return pyodide.loadPyodide({
    indexURL,
    lockFileURL: init.lockFileURL ?? `${indexURL}pyodide-lock.json`,
    // Start-up messages are not the script's output.
    stdout: () => undefined,
    stderr: () => undefined,
  });
});

Comlink.expose(api);
