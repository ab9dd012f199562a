import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';

/**
 * A local package index for the package-loading tests: a lockfile made from Pyodide's own (its `info`
 * carries the ABI the runtime checks) listing fixture packages, and their wheels.
 *   r1ci-tiny     a real pure-Python wheel (tests/fixtures/python)
 *   r1ci-gone     listed, but its wheel answers 404
 *   r1ci-damaged  listed with a checksum the served bytes do not match
 *   r1ci-needs    a good wheel that depends on r1ci-gone
 */
const WHEEL_NAME = 'r1ci_tiny-1.0.0-py3-none-any.whl';
const wheel = readFileSync(fileURLToPath(new URL(`../../fixtures/python/${WHEEL_NAME}`, import.meta.url)));
const pyodideLock = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('pyodide/pyodide-lock.json')), 'utf8'));

function entry(name: string, fileName: string, sha256: string, imports: string[], depends: string[] = []) {
  return { name, version: '1.0.0', file_name: fileName, install_dir: 'site', sha256, package_type: 'package', imports, depends, unvendored_tests: false };
}

export function fixtureLockfile(): object {
  const sha = createHash('sha256').update(wheel).digest('hex');
  return {
    info: pyodideLock.info,
    packages: {
      'r1ci-tiny': entry('r1ci-tiny', WHEEL_NAME, sha, ['r1ci_tiny']),
      'r1ci-gone': entry('r1ci-gone', 'r1ci_gone-1.0.0-py3-none-any.whl', sha, ['r1ci_gone']),
      'r1ci-damaged': entry('r1ci-damaged', 'damaged/' + WHEEL_NAME, 'ab'.repeat(32), ['r1ci_damaged']),
      'r1ci-needs': entry('r1ci-needs', 'needs/' + WHEEL_NAME, sha, ['r1ci_needs'], ['r1ci-gone']),
    },
  };
}

export interface PackageServer {
  baseUrl: string;
  lockFileURL: string;
  close(): Promise<void>;
}

/**
 * Serves the index on the first free port in [firstPort, lastPort]: another checkout's test run may
 * hold one of them.
 */
export async function startPackageServer(firstPort: number, lastPort = firstPort): Promise<PackageServer> {
  const lock = JSON.stringify(fixtureLockfile());
  for (let port = firstPort; ; port++) {
    try {
      return await listen(lock, port);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port >= lastPort) throw err;
    }
  }
}

function listen(lock: string, port: number): Promise<PackageServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/lock.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(lock);
    if (path === `/${WHEEL_NAME}` || path === `/damaged/${WHEEL_NAME}` || path === `/needs/${WHEEL_NAME}`) {
      return void res.writeHead(200, { 'content-type': 'application/zip' }).end(wheel);
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        baseUrl: `http://127.0.0.1:${port}/`,
        lockFileURL: `http://127.0.0.1:${port}/lock.json`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    );
  });
}
