import { readFileSync } from 'node:fs';
import type { PythonRunner, RunRequest, RunResult } from '../../../src/python/runner';
import { parseDataset } from '../../../src/bench/dataset';
import { parseReplaySource } from '../../../src/bench/replay-set';

export const MINI_DATA = 'tests/fixtures/bench/symbench-mini.jsonl';
export const MINI_REPLAYS = 'tests/fixtures/bench/mini.replays.jsonl';

export function miniRecords() {
  return parseDataset(readFileSync(MINI_DATA, 'utf8'), MINI_DATA).records;
}

export function miniReplays() {
  return parseReplaySource(readFileSync(MINI_REPLAYS, 'utf8'), 'mini');
}

/** A Python runner double: every script "prints" a fixed line; records the code it was given. */
export class FakePython implements PythonRunner {
  readonly scripts: string[] = [];
  async run(request: RunRequest): Promise<RunResult> {
    this.scripts.push(request.code);
    const stdout = 'fake output\n';
    return { status: 'ok', stdout, stderr: '', stdoutChars: stdout.length, stderrChars: 0, durationMs: 1 };
  }
}

/** A clock that advances `step` ms per call, so times are exact and the test never sleeps. */
export function steppingClock(step = 10): () => number {
  let t = 1_000_000;
  return () => (t += step);
}
