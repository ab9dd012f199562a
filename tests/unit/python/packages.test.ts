import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodePythonRunner } from '../../../src/python/node-runner';
import type { RunResult } from '../../../src/python/runner';
import { startPackageServer, type PackageServer } from './package-server';

/** Packages on demand from a local package index (see package-server.ts): success and each failure. */
const PORT = 5101;
let server: PackageServer;
let runner: NodePythonRunner;

beforeAll(async () => {
  server = await startPackageServer(PORT);
  runner = new NodePythonRunner({ packageBaseUrl: server.baseUrl, lockFileURL: server.lockFileURL });
  await runner.ready();
});
afterAll(async () => {
  runner?.close();
  await server?.close();
});

function run(code: string): Promise<RunResult> {
  return runner.run({ code, timeoutMs: 30_000, maxCaptureChars: 10_000 });
}

describe('packages on demand', () => {
  it('downloads, checks and installs a package the script imports, then reports it loaded', async () => {
    const result = await run('import r1ci_tiny\nprint(r1ci_tiny.GREETING, r1ci_tiny.double(21))');
    expect(result).toMatchObject({ status: 'ok', stdout: 'hello from r1ci_tiny 42\n', stderr: '', loadedPackages: ['r1ci-tiny'] });
    // Installed once: the next script imports it without loading anything.
    expect(await run('from r1ci_tiny import double\nprint(double(2))')).toMatchObject({ stdout: '4\n', loadedPackages: [] });
  });

  it('finds imports inside functions too', async () => {
    const result = await run('def f():\n    import r1ci_gone\nprint("defined")\nf()');
    expect(result.stdout).toBe('defined\n');
    expect(result.stderr).toContain(`No module named 'r1ci_gone' (could not download the package from ${server.baseUrl}r1ci_gone-1.0.0-py3-none-any.whl: the server answered 404 Not Found)`);
  });

  it('refuses a wheel whose checksum does not match', async () => {
    const result = await run('import r1ci_damaged');
    expect(result.status).toBe('error');
    expect(result.stderr).toMatch(/ModuleNotFoundError: No module named 'r1ci_damaged' \(the package downloaded from .* is damaged \(its SHA-256 checksum does not match\)\)\n$/);
  });

  it('says which dependency could not be had', async () => {
    const result = await run('import r1ci_needs');
    expect(result.stderr).toMatch(/No module named 'r1ci_needs' \(it needs r1ci-gone, which could not be loaded: could not download .*404 Not Found\)\n$/);
  });
});
