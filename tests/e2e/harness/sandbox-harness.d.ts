import type { PythonRuntimeInfo } from '../../../workers/python/contract';
import type { RunResult } from '../../../src/python/runner';

declare global {
  interface Window {
    /** tests/harness/sandbox.html */
    sb: {
      SECRET: string;
      mode: string;
      stages: string[];
      isolated: boolean;
      stopMode(): 'interrupt' | 'restart';
      workerStarts(): number;
      start(): Promise<PythonRuntimeInfo>;
      frames(): { sandbox: string | null; allow: string | null }[];
      run(code: string, timeoutMs?: number): Promise<RunResult & { live: { stdout: string; stderr: string } }>;
      state(): Promise<Record<string, unknown>>;
    };
  }
}
