import { afterAll, describe, expect, it } from 'vitest';
import { NodePythonRunner } from '../../../src/python/node-runner';
import type { RunResult } from '../../../src/python/runner';

/**
 * One script cannot tamper with the next (the driver's guard, src/python/runtime-driver.ts), checked
 * against real Pyodide in Node: each attack is followed by the script it would have fooled. The same
 * attacks run in the browser sandbox in tests/e2e/harness/sandbox-redteam.spec.ts.
 */
const runner = new NodePythonRunner({ packageBaseUrl: 'http://127.0.0.1:5199/', graceMs: 1500 });
afterAll(() => runner.close());

function run(code: string): Promise<RunResult> {
  return runner.run({ code, timeoutMs: 20_000, maxCaptureChars: 10_000 });
}

describe('the next script finds the interpreter as it was', { timeout: 120_000 }, () => {
  it('after builtins were replaced', async () => {
    await run('import builtins\nbuiltins.len = lambda x: 0\nbuiltins.__import__ = None');
    expect(await run('import math\nprint(len("abc"))')).toMatchObject({ status: 'ok', stdout: '3\n' });
  });

  it('after sys.modules was poisoned, for a loaded module and for one never imported', async () => {
    await run('import sys, types\nfake = types.ModuleType("os")\nfake.getcwd = lambda: "POISONED"\nsys.modules["os"] = fake\nsys.modules["fractions"] = fake');
    expect(await run('import os, fractions\nprint(os.getcwd() != "POISONED", hasattr(fractions, "Fraction"))')).toMatchObject({ stdout: 'True True\n' });
  });

  it('after an import hook was installed and the driver helpers patched', async () => {
    await run('import sys, traceback\nclass Evil:\n    @staticmethod\n    def find_spec(*a):\n        raise ImportError("POISONED")\nsys.meta_path.insert(0, Evil)\ntraceback.format_exception = lambda *a, **k: ["POISONED"]');
    const next = await run('import statistics\n1/0');
    expect(next.status).toBe('error');
    expect(next.stderr).toMatch(/ZeroDivisionError: division by zero\n$/);
  });

  it('after a module file was written beside the script', async () => {
    await run('open("/tmp/decimal.py", "w").write("POISONED = True")');
    expect(await run('import decimal\nprint(hasattr(decimal, "POISONED"), hasattr(decimal, "Decimal"))')).toMatchObject({ stdout: 'False True\n' });
  });

  it('while data files and modules imported for real stay for later scripts', async () => {
    await run('import json\nopen("/tmp/data.txt", "w").write("kept")\nimport colorsys\ncolorsys.MARK = 1');
    expect(await run('import colorsys\nprint(open("/tmp/data.txt").read(), getattr(colorsys, "MARK", None))')).toMatchObject({ stdout: 'kept 1\n' });
  });
});

describe('memory ceiling in Node', { timeout: 120_000 }, () => {
  it('stops a script that allocates without end with MemoryError at the setting, and the runtime lives on', async () => {
    const small = new NodePythonRunner({ packageBaseUrl: 'http://127.0.0.1:5199/', memoryLimitBytes: 256 * 1024 * 1024 });
    try {
      const flood = await small.run({ code: 'x = []\nwhile True:\n    x.append(bytearray(10**7))', timeoutMs: 30_000, maxCaptureChars: 10_000 });
      expect(flood.status).toBe('error');
      expect(flood.stderr).toMatch(/MemoryError\n$/);
      const next = await small.run({ code: 'x = bytearray(100 * 2**20)\nprint(len(x) // 2**20)', timeoutMs: 30_000, maxCaptureChars: 10_000 });
      expect(next).toMatchObject({ status: 'ok', stdout: '100\n' });
      expect(small.workerStarts).toBe(1);
    } finally {
      small.close();
    }
  });
});
