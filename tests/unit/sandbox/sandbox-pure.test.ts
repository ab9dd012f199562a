import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAME_SCRIPT, FRAME_SANDBOX, frameScriptHash, frameSrcdoc, sandboxCsp } from '../../../src/sandbox/frame-source';
import { DEFAULT_MEMORY_LIMIT_BYTES, capHeap, readHeapMax } from '../../../src/sandbox/heap-cap';
import { allowedPackageUrls, parseRunResult, parseSandboxMessage } from '../../../src/sandbox/validate';

const pyodideDir = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));

describe('heap ceiling', () => {
  const asm = readFileSync(join(pyodideDir, 'pyodide.asm.mjs'), 'utf8');

  it("finds this Pyodide's own ceiling (4 GiB - 64 KiB) and lowers it to the setting", () => {
    expect(readHeapMax(asm)).toBe(4294901760);
    const capped = capHeap(asm, DEFAULT_MEMORY_LIMIT_BYTES);
    expect(readHeapMax(capped)).toBe(1024 ** 3);
    expect(capped.length).toBe(asm.length - '4294901760'.length + '1073741824'.length);
  });

  it('rounds down to wasm pages, never raises the ceiling, and refuses a build it does not recognise', () => {
    expect(readHeapMax(capHeap(asm, 65536 * 10 + 5))).toBe(655360);
    expect(readHeapMax(capHeap(asm, 2 ** 40))).toBe(4294901760);
    expect(() => capHeap('var somethingElse=1;', 2 ** 30)).toThrow(/no recognisable heap limit/);
    expect(() => capHeap(asm, 100)).toThrow(/at least 64 KiB/);
  });
});

describe('sandbox frame', () => {
  it('has no same-origin, and a policy that allows no connection, no eval, only its own script and blob: workers', () => {
    expect(FRAME_SANDBOX).toBe('allow-scripts');
    const csp = sandboxCsp('HASH');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("script-src 'sha256-HASH' blob: 'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it("allows its script by the script's real SHA-256", async () => {
    const { createHash } = await import('node:crypto');
    const hash = await frameScriptHash();
    expect(hash).toBe(createHash('sha256').update(FRAME_SCRIPT).digest('base64'));
    expect(frameSrcdoc(hash)).toContain(`<script>${FRAME_SCRIPT}</script>`);
    expect(frameSrcdoc(hash)).toContain(`'sha256-${hash}'`);
  });
});

describe('messages from the sandbox', () => {
  const result = { status: 'ok', stdout: '42\n', stderr: '', stdoutChars: 3, stderrChars: 0, durationMs: 5 };

  it('keeps known fields of a run result and drops the rest', () => {
    expect(parseRunResult({ ...result, extra: '<script>', loadedPackages: ['numpy'], stoppedBy: 'interrupt', runtimeSpent: true })).toEqual({
      ...result, loadedPackages: ['numpy'], stoppedBy: 'interrupt', runtimeSpent: true,
    });
  });

  it('refuses results of the wrong shape: unknown status, objects for text, negative or infinite counts', () => {
    expect(parseRunResult({ ...result, status: '<img onerror=alert(1)>' })).toBeNull();
    expect(parseRunResult({ ...result, stdout: { toString: 'x' } })).toBeNull();
    expect(parseRunResult({ ...result, stdoutChars: -1 })).toBeNull();
    expect(parseRunResult({ ...result, durationMs: Infinity })).toBeNull();
    expect(parseRunResult({ ...result, stdout: 'x'.repeat(4_000_001) })).toBeNull();
    expect(parseRunResult(null)).toBeNull();
  });

  it('rebuilds each message type and ignores anything else', () => {
    expect(parseSandboxMessage({ type: 'stage', stage: 'ready' })).toEqual({ type: 'stage', stage: 'ready' });
    expect(parseSandboxMessage({ type: 'stage', stage: 'pwned' })).toBeNull();
    expect(parseSandboxMessage({ type: 'output', runId: 1, stream: 'innerHTML', text: 'x' })).toBeNull();
    expect(parseSandboxMessage({ type: 'run-done', result })).toEqual({ type: 'run-done', result });
    expect(parseSandboxMessage({ type: 'run-failed', error: { name: 'PythonError', message: 'boom', stack: 'x' } })).toEqual({
      type: 'run-failed', error: { name: 'PythonError', message: 'boom' },
    });
    expect(parseSandboxMessage({ type: 'init-failed', error: 5 })).toMatchObject({ error: { name: 'Error' } });
    expect(parseSandboxMessage({ type: '__proto__' })).toBeNull();
    expect(parseSandboxMessage('run-done')).toBeNull();
    expect(parseSandboxMessage([{ type: 'stage', stage: 'ready' }])).toBeNull();
  });
});

describe('package URLs the app fetches for the sandbox', () => {
  const lock = JSON.stringify({ packages: { numpy: { file_name: 'numpy-2.2.5-cp313-wasm32.whl' }, bad: { file_name: 5 } } });

  it('are exactly the lockfile files under the package folder', () => {
    const allowed = allowedPackageUrls(lock, 'https://cdn.example/pyodide/');
    expect([...allowed]).toEqual(['https://cdn.example/pyodide/numpy-2.2.5-cp313-wasm32.whl']);
    expect(allowed.has('https://cdn.example/pyodide/numpy-2.2.5-cp313-wasm32.whl?secret')).toBe(false);
    expect(allowed.has('http://127.0.0.1:5983/steal')).toBe(false);
  });

  it('are none when the lockfile cannot be read', () => {
    expect(allowedPackageUrls('not json', 'https://cdn.example/')).toEqual(new Set());
  });

  it("cover the real lockfile's packages", () => {
    const real = readFileSync(join(pyodideDir, 'pyodide-lock.json'), 'utf8');
    const allowed = allowedPackageUrls(real, 'https://cdn.example/full/');
    expect(allowed.size).toBeGreaterThan(100);
    expect([...allowed].every((url) => url.startsWith('https://cdn.example/full/'))).toBe(true);
  });
});
