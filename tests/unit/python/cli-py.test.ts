import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { r1ciSync } from '../cli-process';

/** `r1ci py` as a user runs it: a real process, real Pyodide. */
const dir = mkdtempSync(join(tmpdir(), 'r1ci-py-'));

function py(...args: string[]) {
  return r1ciSync(['py', ...args], 140_000);
}

function file(name: string, code: string): string {
  const path = join(dir, name);
  writeFileSync(path, code);
  return path;
}

// Each case starts a process and Pyodide: slow on a busy 2-core machine.
describe('r1ci py', { timeout: 150_000 }, () => {
  it('prints exactly the results text (stdout, then the traceback) and exits 0 although Python raised', () => {
    const out = py(file('raises.py', 'import sys\nprint("out")\nprint("warn", file=sys.stderr)\n[][1]\n'));
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(
      'out\nwarn\nTraceback (most recent call last):\n  File "/tmp/script.py", line 4, in <module>\n    [][1]\n    ~~^^^\nIndexError: list index out of range\n',
    );
  });

  it('stops at --timeout and says so in CPython\'s words after the output', () => {
    const out = py(file('loop.py', 'print("tick")\nwhile True:\n    pass\n'), '--timeout', '1');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('tick\nTimeoutExpired: Command timed out after 1 seconds');
  });

  it('fails with one line on stderr for a missing file or bad arguments', () => {
    const missing = py(join(dir, 'nope.py'));
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^r1ci: cannot read .*nope\.py: no such file\n$/);
    const bad = py(file('ok.py', 'print(1)\n'), '--timeout', 'soon');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
