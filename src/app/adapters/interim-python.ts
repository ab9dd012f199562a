import type { PythonRunner, RunRequest, RunResult } from '../../python/runner';

/**
 * INTERIM ADAPTER until src/clients/python-client.ts lands: no Python worker yet, so every run fails
 * with a clear error (the loop then ends with stop reason "error"); nothing is faked.
 */
export class UnavailablePython implements PythonRunner {
  async start(): Promise<void> {}
  async run(_request: RunRequest): Promise<RunResult> {
    throw Object.assign(new Error('The Python worker is not part of this build yet, so code cannot run.'), { name: 'PythonUnavailableError' });
  }
}
