import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodePythonRunner } from '../../../src/python/node-runner';
import type { RunResult } from '../../../src/python/runner';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startPackageServer, type PackageServer } from './package-server';

/** Packages on demand from a local package index (see package-server.ts): success and each failure. */
// Ports 5101-5119 are this suite's; the first free one is used.
const FIRST_PORT = 5101;
const LAST_PORT = 5119;
let server: PackageServer;
let runner: NodePythonRunner;

beforeAll(async () => {
  server = await startPackageServer(FIRST_PORT, LAST_PORT);
  runner = new NodePythonRunner({ packageBaseUrl: server.baseUrl, lockFileURL: server.lockFileURL });
  await runner.ready();
}, 120_000);
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

describe('packages fetched by the host (the offline-worker path)', { timeout: 120_000 }, () => {
  it('installs a wheel whose bytes the host hands over, though the base URL is unreachable', async () => {
    const wheel = new Uint8Array(readFileSync(fileURLToPath(new URL('../../fixtures/python/r1ci_tiny-1.0.0-py3-none-any.whl', import.meta.url))));
    const asked: string[] = [];
    const hosted = new NodePythonRunner({
      packageBaseUrl: 'http://127.0.0.1:5199/', // closed: only the host's fetcher can succeed
      lockFileURL: server.lockFileURL,
      fetchPackage: async (url) => {
        asked.push(url);
        if (!url.endsWith('/r1ci_tiny-1.0.0-py3-none-any.whl')) throw new Error('not offered by the host');
        return wheel;
      },
    });
    try {
      const ok = await hosted.run({ code: 'import r1ci_tiny\nprint(r1ci_tiny.double(5))', timeoutMs: 30_000, maxCaptureChars: 1000 });
      expect(ok).toMatchObject({ status: 'ok', stdout: '10\n', loadedPackages: ['r1ci-tiny'] });
      expect(asked).toEqual(['http://127.0.0.1:5199/r1ci_tiny-1.0.0-py3-none-any.whl']);
      const refused = await hosted.run({ code: 'import r1ci_gone', timeoutMs: 30_000, maxCaptureChars: 1000 });
      expect(refused.stderr).toMatch(/No module named 'r1ci_gone' \(could not download the package from .*: not offered by the host\)\n$/);
    } finally {
      hosted.close();
    }
  });
});
