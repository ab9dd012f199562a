import { afterAll, describe, expect, it } from 'vitest';
import { NodePythonRunner } from '../../../src/python/node-runner';
import type { RunRequest, RunResult } from '../../../src/python/runner';

/**
 * The Python runtime against real Pyodide, in a Node worker thread, stopping by interrupt. One runner
 * for the whole file (Pyodide takes seconds to load); each test also shows the runtime survives it.
 */
// Nothing listens on this port (it is in this suite's range and never opened): downloads fail at once.
const CLOSED_PORT_URL = 'http://127.0.0.1:5199/';
const runner = new NodePythonRunner({ packageBaseUrl: CLOSED_PORT_URL, graceMs: 1500 });
afterAll(() => runner.close());

function run(code: string, extra: Partial<RunRequest> = {}): Promise<RunResult> {
  return runner.run({ code, timeoutMs: 20_000, maxCaptureChars: 10_000, ...extra });
}

// Tests that replace the runtime wait for a new Pyodide: give them room on a busy machine.
describe('NodePythonRunner (interrupt mode)', { timeout: 120_000 }, () => {
  it('captures stdout and stderr apart', async () => {
    const result = await run('import sys\nprint("one")\nprint("oops", file=sys.stderr)\nprint("two")');
    expect(result).toMatchObject({ status: 'ok', stdout: 'one\ntwo\n', stderr: 'oops\n', stdoutChars: 8, stderrChars: 5 });
    expect(runner.stopMode).toBe('interrupt');
  });

  it('prints a runtime error traceback as CPython does for a script, nested frames and carets included', async () => {
    const code = 'def inner(d):\n    return d["a"] + 1\n\ndef outer():\n    return inner({"a": None})\n\nprint("before")\nouter()\n';
    const result = await run(code);
    expect(result.status).toBe('error');
    expect(result.stdout).toBe('before\n');
    expect(result.stderr).toBe(
      'Traceback (most recent call last):\n' +
        '  File "/tmp/script.py", line 8, in <module>\n' +
        '    outer()\n' +
        '    ~~~~~^^\n' +
        '  File "/tmp/script.py", line 5, in outer\n' +
        '    return inner({"a": None})\n' +
        '  File "/tmp/script.py", line 2, in inner\n' +
        '    return d["a"] + 1\n' +
        '           ~~~~~~~^~~\n' +
        "TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'\n",
    );
  });

  it('prints a SyntaxError with no traceback header and nothing run', async () => {
    const result = await run('print("never")\nx = (1,\ny = 2\n');
    expect(result).toMatchObject({ status: 'error', stdout: '' });
    expect(result.stderr).toBe('  File "/tmp/script.py", line 2\n    x = (1,\n        ^\nSyntaxError: \'(\' was never closed\n');
  });

  it('shows none of the runtime\'s own frames, also for chained exceptions', async () => {
    const code = 'try:\n    {}["k"]\nexcept KeyError as e:\n    raise ValueError("bad") from e\n';
    const result = await run(code);
    expect(result.stderr).toContain('The above exception was the direct cause of the following exception:');
    expect(result.stderr).toMatch(/ValueError: bad\n$/);
    expect(result.stderr).not.toMatch(/r1ci|_pyodide|pyodide|<exec>|run_script/);
  });

  it('runs each script with fresh globals named __main__', async () => {
    await run('leftover = 42\nimport json');
    const result = await run('print(__name__, "leftover" in globals(), "json" in globals(), __file__)');
    expect(result.stdout).toBe('__main__ False False /tmp/script.py\n');
  });

  it('makes the script the real __main__ module (dataclasses, pickle and enum rely on it)', async () => {
    const code = 'import dataclasses, pickle, sys\n@dataclasses.dataclass\nclass P:\n    x: int\nprint(pickle.loads(pickle.dumps(P(3))), sys.modules["__main__"].P is P)';
    expect((await run(code)).stdout).toBe('P(x=3) True\n');
  });

  it('restores cwd, argv, sys.stdout and the recursion limit after a script changed them', async () => {
    await run('import os, sys, io\nos.chdir("/")\nsys.argv = ["x", "y"]\nsys.stdout = io.StringIO()\nsys.setrecursionlimit(50)');
    const result = await run('import os, sys\nprint(os.getcwd(), sys.argv, sys.getrecursionlimit() > 50)');
    expect(result.stdout).toBe("/tmp ['/tmp/script.py'] True\n");
  });

  it('puts back warning filters a script changed, and prints warnings as CPython does', async () => {
    await run('import warnings\nwarnings.simplefilter("ignore")');
    const result = await run('import warnings\nwarnings.warn("careful")');
    expect(result.stderr).toBe('/tmp/script.py:2: UserWarning: careful\n  warnings.warn("careful")\n');
  });

  it('fails input() at once with EOFError instead of waiting', async () => {
    const result = await run('name = input("Your name? ")\nprint("hi", name)');
    expect(result.status).toBe('error');
    expect(result.stdout).toBe('Your name? ');
    expect(result.stderr).toMatch(/EOFError: EOF when reading a line\n$/);
  });

  it('ends the script, not the runtime, on sys.exit()', async () => {
    expect(await run('import sys\nprint("a")\nsys.exit()\nprint("b")')).toMatchObject({ status: 'ok', stdout: 'a\n', stderr: '' });
    expect(await run('import sys\nsys.exit(0)')).toMatchObject({ status: 'ok', stderr: '' });
    expect(await run('import sys\nsys.exit(3)')).toMatchObject({ status: 'error', stderr: '' });
    expect(await run('import sys\nsys.exit("giving up")')).toMatchObject({ status: 'error', stderr: 'giving up\n' });
    expect(await run('raise SystemExit(None)')).toMatchObject({ status: 'ok' });
    expect((await run('print("still alive")')).stdout).toBe('still alive\n');
  });

  it('keeps at most maxCaptureChars of a flood and counts the rest', async () => {
    const result = await run('for i in range(100_000):\n    print("x" * 99)', { maxCaptureChars: 1000 });
    expect(result.status).toBe('ok');
    expect(result.stdout.length).toBe(1000);
    expect(result.stdoutChars).toBe(100_000 * 100);
  });

  it('streams live output while the script runs', async () => {
    const live = { stdout: '', stderr: '' };
    await run('import sys\nfor i in range(3):\n    print(i)\nprint("e", file=sys.stderr)', {
      onOutput: (stream, text) => (live[stream] += text),
    });
    expect(live).toEqual({ stdout: '0\n1\n2\n', stderr: 'e\n' });
  });

  it('stops `while True: pass` at the time limit by interrupt, keeping the output printed so far', async () => {
    const result = await run('print("started", flush=True)\nwhile True:\n    pass', { timeoutMs: 1000 });
    expect(result).toMatchObject({ status: 'timeout', stdout: 'started\n', stderr: '', stoppedBy: 'interrupt' });
    expect((await run('print("next")')).stdout).toBe('next\n');
  });

  it('stops a script on abort, with status aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await run('while True:\n    pass', { signal: controller.signal });
    expect(result).toMatchObject({ status: 'aborted', stoppedBy: 'interrupt' });
  });

  it('reports a KeyboardInterrupt the script raised itself as an error with its traceback', async () => {
    const result = await run('raise KeyboardInterrupt');
    expect(result.status).toBe('error');
    expect(result.stderr).toMatch(/^Traceback[\s\S]*KeyboardInterrupt\n$/);
  });

  it('replaces the runtime when a script swallows KeyboardInterrupt, and the next script runs normally', async () => {
    // A SIGINT handler that does nothing: no KeyboardInterrupt is ever raised.
    const code = 'import signal\nsignal.signal(signal.SIGINT, lambda *args: None)\nprint("stubborn", flush=True)\nwhile True:\n    pass';
    const result = await run(code, { timeoutMs: 800 });
    expect(result).toMatchObject({ status: 'timeout', stoppedBy: 'restart', stdout: 'stubborn\n' });
    expect(await run('print("fresh", "stubborn" in globals())')).toMatchObject({ status: 'ok', stdout: 'fresh False\n' });
  });

  it('turns an import of a package that cannot be downloaded into a normal ModuleNotFoundError with the reason', async () => {
    const result = await run('import math\nimport numpy as np\nprint(np.pi)');
    expect(result.status).toBe('error');
    expect(result.stderr).toBe(
      'Traceback (most recent call last):\n' +
        '  File "/tmp/script.py", line 2, in <module>\n' +
        '    import numpy as np\n' +
        `ModuleNotFoundError: No module named 'numpy' (could not download the package from ${CLOSED_PORT_URL}` +
        'numpy-2.4.6-cp314-cp314-pyemscripten_2026_0_wasm32.whl: network unreachable (ECONNREFUSED))\n',
    );
  });

  it('leaves modules unknown to Pyodide to Python\'s own error', async () => {
    const result = await run('import surely_not_a_module');
    expect(result.stderr).toMatch(/ModuleNotFoundError: No module named 'surely_not_a_module'\n$/);
  });

  it('reports a fatal error of the runtime as crashed, and the next script gets a fresh runtime', async () => {
    const result = await run('print("before the crash", flush=True)\nimport os\nos.abort()');
    expect(result.status).toBe('crashed');
    expect(result.crashReason).toBe('fatal error: the interpreter aborted');
    expect(result.stdout).toBe('before the crash\n');
    expect(await run('print(1 + 1)')).toMatchObject({ status: 'ok', stdout: '2\n' });
  });

  it('treats os._exit() as the end of the script with its status, then replaces the spent runtime', async () => {
    expect((await run('import os\nos._exit(3)')).status).toBe('error');
    expect(await run('print("after _exit")')).toMatchObject({ status: 'ok', stdout: 'after _exit\n' });
  });
});
