import { afterAll, describe, expect, it } from 'vitest';
import { NodePythonRunner } from '../../../src/python/node-runner';

/** Without SharedArrayBuffer (a page that is not cross-origin isolated) every stop is a restart. */
const runner = new NodePythonRunner({ stopMode: 'restart' });
afterAll(() => runner.close());

describe('NodePythonRunner (restart mode)', { timeout: 120_000 }, () => {
  it('stops `while True: pass` by replacing the runtime, keeping streamed output, and runs the next script', async () => {
    expect(runner.stopMode).toBe('restart');
    const info = await runner.ready();
    expect(info.interruptible).toBe(false);
    const result = await runner.run({ code: 'print("looping", flush=True)\nwhile True:\n    pass', timeoutMs: 1500, maxCaptureChars: 100 });
    expect(result).toMatchObject({ status: 'timeout', stoppedBy: 'restart', stdout: 'looping\n' });
    const next = await runner.run({ code: 'print("looping" in globals(), 6 * 7)', timeoutMs: 30_000, maxCaptureChars: 100 });
    expect(next).toMatchObject({ status: 'ok', stdout: 'False 42\n' });
  });
});
