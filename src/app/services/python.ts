import { PythonClient, type RuntimeStage } from '../../clients/python-client';
import type { PythonRunner } from '../../python/runner';

/** The app's Python runner: started early (while a model loads) so the first code block never waits. */
export interface AppPython extends PythonRunner {
  start(): Promise<unknown>;
}

/**
 * The Python worker's client. It stops runaway scripts by interrupt when the page is cross-origin
 * isolated and by restarting the worker otherwise; packages come from Pyodide's CDN unless the site
 * hosts its own.
 */
export function createPython(onStage?: (stage: RuntimeStage) => void): AppPython {
  return new PythonClient({ onStage });
}

export type { RuntimeStage };
