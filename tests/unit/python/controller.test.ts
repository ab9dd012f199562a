import { describe, expect, it } from 'vitest';
import type { OutputListener, PythonWorkerApi, WorkerRunRequest, WorkerRunResult } from '../../../workers/python/contract';
import { PythonRuntimeController, type RuntimeTransport } from '../../../src/python/runtime-controller';
import type { RunRequest } from '../../../src/python/runner';

/**
 * The shared lifecycle (Node runner and browser client) against fake workers: no Pyodide, no threads,
 * so worker death, hanging calls and stops are exercised exactly and fast.
 */
interface FakeWorker {
  transport: RuntimeTransport;
  /** Settles the pending run call. */
  finish(result: Partial<WorkerRunResult>): void;
  fail(error: { name: string; message: string }): void;
  die(reason: string): void;
  output: OutputListener | undefined;
  runs: WorkerRunRequest[];
  terminated: boolean;
}

function fakeWorker(options: { initFails?: boolean } = {}): FakeWorker {
  let dieWith: (reason: string) => void = () => undefined;
  let pending: { resolve(r: WorkerRunResult): void; reject(e: unknown): void } | undefined;
  const fake: FakeWorker = {
    runs: [],
    output: undefined,
    terminated: false,
    finish: (result) => pending?.resolve({ status: 'ok', stdout: '', stderr: '', stdoutChars: 0, stderrChars: 0, durationMs: 1, ...result }),
    fail: (error) => pending?.reject(error),
    die: (reason) => dieWith(reason),
    transport: undefined as unknown as RuntimeTransport,
  };
  const api: PythonWorkerApi = {
    async init(_options, _onStage, onOutput) {
      if (options.initFails) throw new Error('pyodide.asm.wasm: 404');
      fake.output = onOutput;
      return { pyodideVersion: 'fake', pythonVersion: '3.14.0', interruptible: false };
    },
    run(request) {
      fake.runs.push(request);
      // Like comlink after terminate(): a call never settles unless the fake settles it.
      return new Promise((resolve, reject) => (pending = { resolve, reject }));
    },
  };
  fake.transport = {
    api: api as unknown as RuntimeTransport['api'],
    terminate: () => void (fake.terminated = true),
    died: new Promise((resolve) => (dieWith = resolve)),
  };
  return fake;
}

function setup(workerOptions: { initFails?: boolean }[] = []) {
  const workers: FakeWorker[] = [];
  const controller = new PythonRuntimeController({
    spawn: () => {
      const worker = fakeWorker(workerOptions[workers.length] ?? {});
      workers.push(worker);
      return worker.transport;
    },
    init: { packageBaseUrl: 'http://127.0.0.1:5199/', scriptPath: '/tmp/script.py' },
    interrupt: false,
  });
  return { controller, workers };
}

const request = (extra: Partial<RunRequest> = {}): RunRequest => ({ code: 'print(1)', timeoutMs: 60_000, maxCaptureChars: 100, ...extra });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PythonRuntimeController with fake workers', () => {
  it('starts lazily, reports restart stops without SharedArrayBuffer use, and passes results through', async () => {
    const { controller, workers } = setup();
    expect(workers).toHaveLength(0);
    expect(controller.stopMode).toBe('restart');
    const pending = controller.run(request());
    await tick();
    workers[0].finish({ stdout: '1\n', stdoutChars: 2 });
    expect(await pending).toMatchObject({ status: 'ok', stdout: '1\n' });
    expect(controller.currentStage).toBe('ready');
  });

  it('answers a run whose worker died with a crashed result, keeping output streamed so far, then starts a fresh worker', async () => {
    const { controller, workers } = setup();
    const pending = controller.run(request());
    await tick();
    workers[0].output?.(workers[0].runs[0].runId, 'stdout', 'partial\n');
    workers[0].die('the Python worker failed: out of memory');
    expect(await pending).toMatchObject({ status: 'crashed', crashReason: 'the Python worker failed: out of memory', stdout: 'partial\n' });
    expect(workers).toHaveLength(2); // replaced at once, warm for the next script
    const next = controller.run(request());
    await tick();
    workers[1].finish({ stdout: 'ok\n' });
    expect((await next).stdout).toBe('ok\n');
  });

  it('treats a rejected run call (a fatal error in the runtime) as a crash in words', async () => {
    const { controller, workers } = setup();
    const pending = controller.run(request());
    await tick();
    workers[0].fail({ name: 'RuntimeError', message: 'memory access out of bounds' });
    expect(await pending).toMatchObject({ status: 'crashed', crashReason: 'fatal error: memory access out of bounds' });
    expect(workers[0].terminated).toBe(true);
  });

  it('stops a script that never answers at the time limit by terminating the worker', async () => {
    const { controller, workers } = setup();
    const result = await controller.run(request({ timeoutMs: 20 }));
    expect(result).toMatchObject({ status: 'timeout', stoppedBy: 'restart' });
    expect(workers[0].terminated).toBe(true);
    expect(controller.workerStarts).toBe(2);
  });

  it('stops on abort with status aborted, also before the runtime is ready', async () => {
    const { controller, workers } = setup();
    const abort = new AbortController();
    const pending = controller.run(request({ signal: abort.signal }));
    await tick();
    abort.abort();
    expect(await pending).toMatchObject({ status: 'aborted', stoppedBy: 'restart' });
    expect(workers[0].terminated).toBe(true);
    expect(await controller.run(request({ signal: AbortSignal.abort() }))).toMatchObject({ status: 'aborted' });
  });

  it('ignores live output that trails an earlier run', async () => {
    const { controller, workers } = setup();
    const first = controller.run(request());
    await tick();
    const firstId = workers[0].runs[0].runId;
    workers[0].finish({});
    await first;
    const seen: string[] = [];
    const second = controller.run(request({ onOutput: (_stream, text) => seen.push(text) }));
    await tick();
    workers[0].output?.(firstId, 'stdout', 'late from run 1');
    workers[0].output?.(workers[0].runs[1].runId, 'stdout', 'mine');
    workers[0].finish({});
    await second;
    expect(seen).toEqual(['mine']);
  });

  it('throws a PythonRuntimeError when the runtime cannot start, and tries again on the next call', async () => {
    const { controller, workers } = setup([{ initFails: true }]);
    await expect(controller.run(request())).rejects.toMatchObject({ name: 'PythonRuntimeError', message: 'The Python runtime could not start: pyodide.asm.wasm: 404' });
    expect(controller.currentStage).toBe('failed');
    const next = controller.run(request());
    await tick();
    workers[1].finish({ stdout: 'second try\n' });
    expect((await next).stdout).toBe('second try\n');
  });

  it('rejects the script in flight on close and refuses further runs', async () => {
    const { controller, workers } = setup();
    const pending = controller.run(request());
    await tick();
    controller.close();
    await expect(pending).rejects.toMatchObject({ name: 'PythonRuntimeError' });
    expect(workers[0].terminated).toBe(true);
    await expect(controller.run(request())).rejects.toMatchObject({ name: 'PythonRuntimeError' });
  });
});

describe('PythonRuntimeController when a worker dies while idle', () => {
  it('runs the next script in a fresh worker instead of waiting on the dead one', async () => {
    const { controller, workers } = setup();
    await controller.ready();
    workers[0].die('the Python worker exited with code 1');
    await tick();
    const pending = controller.run(request());
    await tick();
    expect(workers).toHaveLength(2);
    workers[1].finish({ stdout: 'fresh\n' });
    expect(await pending).toMatchObject({ status: 'ok', stdout: 'fresh\n' });
  });
});
