/** The API tests/harness/python.html puts on `window`, for the typed page.evaluate calls in python.spec.ts. */
import type { PythonRuntimeInfo } from '../../../workers/python/contract';
import type { RunResult } from '../../../src/python/runner';

declare global {
  interface Window {
    py: {
      stages: string[];
      isolated: boolean;
      stopMode(): 'interrupt' | 'restart';
      workerStarts(): number;
      start(): Promise<PythonRuntimeInfo>;
      run(code: string, timeoutMs?: number): Promise<RunResult & { live: { stdout: string; stderr: string } }>;
    };
  }
}
