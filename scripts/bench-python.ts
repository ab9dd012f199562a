/**
 * Figures for the Python runtime in Node (not a test): `npx tsx scripts/bench-python.ts`.
 * Prints Pyodide's cold start (in this thread and behind the worker-thread runner), the warm overhead
 * of a trivial script, and how long stopping a `while True` loop takes by interrupt and by restart.
 */
import { loadPyodide } from 'pyodide';
import { NodePythonRunner } from '../src/python/node-runner';
import type { RunResult } from '../src/python/runner';

const LOOP = 'while True:\n    pass';
const TIMEOUT_MS = 300;
const WARM_RUNS = 30;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

function run(runner: NodePythonRunner, code: string, timeoutMs = 30_000): Promise<RunResult> {
  return runner.run({ code, timeoutMs, maxCaptureChars: 2000 });
}

async function main(): Promise<void> {
  const [, inThread] = await timed(() => loadPyodide());
  console.log(`Pyodide cold start, loadPyodide() in this thread:       ${ms(inThread)}`);

  const runner = new NodePythonRunner();
  const [, coldRunner] = await timed(() => runner.ready());
  console.log(`Pyodide cold start, worker-thread runner ready():       ${ms(coldRunner)}`);

  await run(runner, 'pass');
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push((await timed(() => run(runner, 'pass')))[1]);
  console.log(`Warm run of a trivial script (median of ${WARM_RUNS}):            ${ms(median(warm))}`);

  const stops: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [result, took] = await timed(() => run(runner, LOOP, TIMEOUT_MS));
    if (result.stoppedBy !== 'interrupt') throw new Error(`expected an interrupt stop, got ${result.stoppedBy}`);
    stops.push(took - TIMEOUT_MS);
  }
  console.log(`Stop a while-True loop by interrupt (after the limit):  ${ms(median(stops))} (median of 5)`);
  runner.close();

  const restarting = new NodePythonRunner({ stopMode: 'restart' });
  await restarting.ready();
  const [stopped, took] = await timed(() => run(restarting, LOOP, TIMEOUT_MS));
  if (stopped.stoppedBy !== 'restart') throw new Error(`expected a restart stop, got ${stopped.stoppedBy}`);
  const [, untilNext] = await timed(() => run(restarting, 'pass'));
  console.log(`Stop a while-True loop by restart (result returned):    ${ms(took - TIMEOUT_MS)}`);
  console.log(`  ... and until the next script has run (new runtime):  ${ms(untilNext)}`);
  restarting.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
