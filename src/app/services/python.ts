import type { PythonRunner } from '../../python/runner';
import { UnavailablePython } from '../adapters/interim-python';

/** The app's Python runner: started early (while a model loads) so the first code block never waits. */
export interface AppPython extends PythonRunner {
  start(): Promise<void>;
}

export function createPython(): AppPython {
  return new UnavailablePython();
}
