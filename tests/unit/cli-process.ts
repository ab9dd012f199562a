/**
 * Runs the `r1ci` command line as a user would (`npm run --silent r1ci -- ...` is `tsx src/cli/r1ci.ts ...`):
 * a real process, from the repository root, without colours.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const COMMAND = [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/r1ci.ts')];
const OPTIONS = { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } };

export interface Ran {
  /** Exit code; null when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `r1ci ...args` to the end. */
export function r1ci(...args: string[]): Promise<Ran> {
  return r1ciWatching('stdout', () => {}, ...args);
}

/** Like r1ci; `onData` sees one stream as it comes, with the child (to send it signals). */
export function r1ciWatching(stream: 'stdout' | 'stderr', onData: (soFar: string, child: ChildProcess) => void, ...args: string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...COMMAND, ...args], OPTIONS);
    const text = { stdout: '', stderr: '' };
    for (const name of ['stdout', 'stderr'] as const) {
      child[name].on('data', (chunk) => {
        text[name] += chunk;
        if (name === stream) onData(text[name], child);
      });
    }
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ...text }));
  });
}

/** Runs `r1ci ...args` synchronously, killed after `timeoutMs`. */
export function r1ciSync(args: string[], timeoutMs: number): Ran {
  const result = spawnSync(process.execPath, [...COMMAND, ...args], { ...OPTIONS, encoding: 'utf8', timeout: timeoutMs });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
