import { PythonClient, type RuntimeStage } from '../../clients/python-client';
import { DEFAULT_PACKAGE_BASE_URL } from '../../python/runtime-defaults';
import type { PythonRunner } from '../../python/runner';
import { loadPythonSettings } from '../state/settings-python';

/** The app's Python runner: started early (while a model loads) so the first code block never waits. */
export interface AppPython extends PythonRunner {
  start(): Promise<unknown>;
}

/**
 * The Python worker's client. It stops runaway scripts by interrupt when the page is cross-origin
 * isolated and by restarting the worker otherwise; packages come from Pyodide's CDN unless the site
 * hosts its own (Settings, Python: read once here, so a change applies on the next page load).
 */
export function createPython(onStage?: (stage: RuntimeStage) => void): AppPython {
  const packages = loadPythonSettings(location.href);
  return new PythonClient({
    onStage,
    ...(packages.packageBaseUrl ? { packageBaseUrl: packages.packageBaseUrl } : {}),
    ...(packages.lockFileUrl ? { lockFileURL: packages.lockFileUrl } : {}),
  });
}

/** Where package files come from on this page load (for "make available offline"). */
export function packageSources(): { packageBaseUrl: string; lockUrl: string } {
  const packages = loadPythonSettings(location.href);
  return {
    packageBaseUrl: packages.packageBaseUrl ?? DEFAULT_PACKAGE_BASE_URL,
    lockUrl: packages.lockFileUrl ?? new URL('pyodide/pyodide-lock.json', document.baseURI).href,
  };
}

export type { RuntimeStage };
