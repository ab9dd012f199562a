/**
 * Figures for the core loop (not a test): `npm run bench:loop`.
 * Prints the Python runtime's figures (Pyodide cold start, warm overhead of a trivial script, time to
 * stop a `while True` loop; from scripts/bench-python.ts), then the loop's own overhead per round with
 * the replay engine at zero delay, with Python replaced by an instant double (the loop alone) and with
 * real Pyodide (a whole round as a user would see it, minus the model).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { R1CI_3B } from '../models/r1ci.protocol';
import { ReplayEngine } from '../src/engines/replay';
import { parseReplayFile, type ReplayFile } from '../src/engines/replay-file';
import { runLoop } from '../src/loop/run-loop';
import { NodePythonRunner } from '../src/python/node-runner';
import type { PythonRunner, RunResult } from '../src/python/runner';

const REPLAYS = 'tests/fixtures/replays';
const REPEATS = 40;

const instantPython: PythonRunner = {
  async run(): Promise<RunResult> {
    return { status: 'ok', stdout: '1\n', stderr: '', stdoutChars: 2, stderrChars: 0, durationMs: 0 };
  },
};

function loadReplays(): ReplayFile[] {
  return readdirSync(REPLAYS)
    .filter((name) => name.endsWith('.json'))
    .map((name) => parseReplayFile(readFileSync(join(REPLAYS, name), 'utf8'), name));
}

/** Runs every recording `repeats` times; returns milliseconds per round and the number of rounds. */
async function perRound(replays: ReplayFile[], python: PythonRunner, repeats: number): Promise<{ msPerRound: number; rounds: number }> {
  let rounds = 0;
  const start = performance.now();
  for (let i = 0; i < repeats; i++) {
    for (const replay of replays) {
      const outcome = await runLoop({ protocol: R1CI_3B, engine: new ReplayEngine(replay, { seed: i + 1 }), python, question: replay.question ?? '' });
      rounds += outcome.rounds.length;
    }
  }
  return { msPerRound: (performance.now() - start) / rounds, rounds };
}

async function main(): Promise<void> {
  console.log('== Python runtime (scripts/bench-python.ts)');
  process.stdout.write(execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench-python.ts'], { encoding: 'utf8' }));

  console.log('\n== Loop, replay engine at zero delay');
  const replays = loadReplays();
  await perRound(replays, instantPython, 2); // warm up the JIT
  const alone = await perRound(replays, instantPython, REPEATS);
  console.log(`Loop overhead per round, instant Python double:          ${(alone.msPerRound * 1000).toFixed(0)} µs (${alone.rounds} rounds, ${replays.length} recordings)`);

  const python = new NodePythonRunner();
  await python.ready();
  const real = await perRound(replays, python, 3);
  python.close();
  console.log(`Whole round with real Pyodide (loop + script):           ${real.msPerRound.toFixed(1)} ms (${real.rounds} rounds)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
