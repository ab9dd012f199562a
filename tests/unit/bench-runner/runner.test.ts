import { afterAll, describe, expect, it } from 'vitest';
import { R1CI_3B } from '../../../models/r1ci.protocol';
import { hasRecording, parseReplaySource, replayEngineFor, type ReplaySource } from '../../../src/bench/replay-set';
import { parseResults, resultLine, type BenchResultRow } from '../../../src/bench/results';
import { estimateProgress, formatTimeLeft, runBenchmark, type BenchRunOptions } from '../../../src/bench/runner';
import { selectRecords } from '../../../src/bench/selection';
import type { Engine } from '../../../src/engines/engine';
import { NodePythonRunner } from '../../../src/python/node-runner';
import { FakePython, miniRecords, miniReplays, steppingClock } from './helpers';

const protocol = R1CI_3B;

function plan(source: ReplaySource = miniReplays()) {
  return selectRecords(miniRecords(), { include: (r) => hasRecording(source, r.id) }).plan;
}

function options(extra: Partial<BenchRunOptions> = {}): BenchRunOptions {
  const source = miniReplays();
  return {
    plan: plan(source),
    engineFor: (record) => replayEngineFor(source, record.id),
    python: new FakePython(),
    protocol,
    now: steppingClock(),
    ...extra,
  };
}

describe('runBenchmark with a replay set', () => {
  it('asks every question that has a recording, scores it and fills a row per question', async () => {
    const seen: string[] = [];
    const result = await runBenchmark(options({ onResult: (row) => void seen.push(row.id) }));
    expect(result.ending).toEqual({ status: 'finished' });
    // Interleaved by task: game24, new_operator, pooling, statistical_counting, then the second of each.
    expect(seen).toEqual(['game24/6', 'new_operator/1', 'pooling/2', 'statistical_counting/3', 'game24/7', 'new_operator/2', 'pooling/3']);
    const byId = Object.fromEntries(result.rows.map((r) => [r.id, r]));
    expect(byId['game24/6']).toMatchObject({ task: 'game24', correct: true, extracted: '((1+2)*(2+6))', stop: 'answer', codeCalls: 1, recording: true, tokensEstimated: true });
    expect(byId['game24/7']).toMatchObject({ correct: false, extracted: '(1+1)*12', stop: 'answer', codeCalls: 0 });
    expect(byId['game24/7']!.reason).toBeTruthy();
    expect(byId['new_operator/2']).toMatchObject({ correct: false, extracted: null, stop: 'eos' });
    expect(byId['statistical_counting/3']).toMatchObject({ correct: true, extracted: '5', codeCalls: 2 });
    // The whole session is kept: rounds with code and the results text the model was shown.
    const rounds = byId['game24/6']!.response.rounds;
    expect(rounds).toHaveLength(2);
    expect(rounds[0]!.code).toContain('def solve(items)');
    expect(rounds[0]!.result).toBe('\nCode Execution Results: fake output\n\n');
    expect(byId['game24/6']!.response.transcript).toContain('Code Execution Results: fake output');
    expect(byId['game24/6']!.question).toContain('1 2 2 6');
    expect(byId['game24/6']!.solution).toEqual({ numbers: [1, 2, 2, 6], target: 24 });
    // Figures from the stepping clock: times are positive; a recording has no speed and no prompt tokens.
    const row = byId['game24/6']!;
    expect(row.elapsedMs).toBeGreaterThan(0);
    expect(row.generationMs).toBeGreaterThan(0);
    expect(row.tokensPerSecond).toBeNull();
    expect(row.promptTokens).toBeNull();
  });

  it('a live engine: tokens/s from its decode time where reported, else from the measured generation time', async () => {
    const live = (decodeMs?: number): Engine => ({
      kind: 'openai',
      label: 'live test model',
      isRecording: false,
      generate: async (request) => {
        request.onText('Thinking.\n\n<<<5>>>');
        return { finish: 'eos', usage: { completionTokens: 40, promptTokens: 100, ...(decodeMs !== undefined ? { decodeMs } : {}) } };
      },
    });
    const one = miniRecords().filter((r) => r.id === 'statistical_counting/3');
    const reported = (await runBenchmark(options({ plan: one, engineFor: () => live(500) }))).rows[0]!;
    expect(reported).toMatchObject({ correct: true, engine: 'live test model', recording: false, tokensEstimated: false, promptTokens: 100, completionTokens: 40, generationMs: 500 });
    expect(reported.tokensPerSecond).toBe(80);
    // The stepping clock advances 10 ms per reading: round-start to usage is one step.
    const measured = (await runBenchmark(options({ plan: one, engineFor: () => live(), now: steppingClock(10) }))).rows[0]!;
    expect(measured.generationMs).toBe(10);
    expect(measured.tokensPerSecond).toBe(4000);
  });

  it('a single replay file answers every question with the same rounds', async () => {
    const single = parseReplaySource('{"rounds": ["Guessing.\\n\\n<<<5>>>"]}', 'always-5');
    expect(single.kind).toBe('single');
    const result = await runBenchmark(options({ plan: plan(single), engineFor: (r) => replayEngineFor(single, r.id) }));
    expect(result.rows).toHaveLength(11);
    expect(result.rows.every((r) => r.extracted === '5')).toBe(true);
    expect(result.rows.filter((r) => r.correct).map((r) => r.id)).toEqual(['statistical_counting/3']);
  });

  it('resume: rows already done are skipped, never asked again, and come first in the rows', async () => {
    const first = await runBenchmark(options({ plan: plan().slice(0, 3) }));
    const asked: string[] = [];
    const second = await runBenchmark(
      options({
        previous: first.rows,
        engineFor: (record) => {
          asked.push(record.id);
          return replayEngineFor(miniReplays(), record.id);
        },
      }),
    );
    expect(asked).toEqual(['statistical_counting/3', 'game24/7', 'new_operator/2', 'pooling/3']);
    expect(second.added.map((r) => r.id)).toEqual(asked);
    expect(second.rows.map((r) => r.id)).toEqual(['game24/6', 'new_operator/1', 'pooling/2', ...asked]);
    expect(second.rows.slice(0, 3)).toEqual(first.rows);
  });

  it('previous rows outside the plan are ignored (a results file from other options)', async () => {
    const other = { ...(await runBenchmark(options({ plan: plan().slice(0, 1) }))).rows[0]!, id: 'not/planned' };
    const result = await runBenchmark(options({ plan: plan().slice(0, 2), previous: [other] }));
    expect(result.rows.map((r) => r.id)).toEqual(['game24/6', 'new_operator/1']);
  });

  it('an abort (pause, Ctrl-C) ends the run without a row for the question in progress', async () => {
    const controller = new AbortController();
    const result = await runBenchmark(
      options({
        signal: controller.signal,
        onEvent: (record, event) => {
          if (record.id === 'pooling/2' && event.type === 'text') controller.abort();
        },
      }),
    );
    expect(result.ending).toEqual({ status: 'aborted' });
    expect(result.rows.map((r) => r.id)).toEqual(['game24/6', 'new_operator/1']);
  });

  it('an engine failure stops the run with the error and no row for that question', async () => {
    const failing: Engine = {
      kind: 'openai',
      label: 'test server',
      isRecording: false,
      generate: async () => {
        throw Object.assign(new Error('the model server at http://127.0.0.1:1 could not be reached'), { name: 'EngineError' });
      },
    };
    const result = await runBenchmark(options({ engineFor: () => failing }));
    expect(result.ending).toEqual({ status: 'error', id: 'game24/6', error: { name: 'EngineError', message: 'the model server at http://127.0.0.1:1 could not be reached' } });
    expect(result.rows).toEqual([]);
  });

  it('a missing recording (engineFor throws) is an error ending naming the question', async () => {
    const result = await runBenchmark(options({ plan: miniRecords().filter((r) => r.id === 'eight_queens/2'), engineFor: (r) => replayEngineFor(miniReplays(), r.id) }));
    expect(result.ending).toMatchObject({ status: 'error', id: 'eight_queens/2', error: { name: 'ReplayFileError', message: 'mini has no recording for "eight_queens/2"' } });
  });
});

describe('with the real Python runtime (Pyodide in a worker thread)', () => {
  const python = new NodePythonRunner();
  afterAll(() => python.close());

  it('the recorded scripts really run: the failing first script is a TypeError the model then fixes', async () => {
    const source = miniReplays();
    const result = await runBenchmark(options({ python, plan: plan(source).filter((r) => r.id === 'statistical_counting/3' || r.id === 'game24/6'), now: Date.now }));
    const byId = Object.fromEntries(result.rows.map((r) => [r.id, r]));
    expect(byId['game24/6']!.response.rounds[0]!.result).toContain('((1+2)*(2+6))');
    const counting = byId['statistical_counting/3']!;
    expect(counting.response.rounds.map((r) => r.status)).toEqual(['error', 'ok', undefined]);
    expect(counting.response.rounds[0]!.result).toContain('TypeError');
    expect(counting).toMatchObject({ correct: true, codeCalls: 2 });
  });
});

describe('results file lines', () => {
  it('parseResults keeps readable rows, drops a line cut off mid-write, and the latest row per id wins', async () => {
    const { rows } = await runBenchmark(options({ plan: plan().slice(0, 2) }));
    const [a, b] = rows as [BenchResultRow, BenchResultRow];
    const text = resultLine(a) + resultLine(b) + resultLine({ ...a, correct: false }) + resultLine(b).slice(0, 40);
    const parsed = parseResults(text);
    expect(parsed.rows.map((r) => [r.id, r.correct])).toEqual([[b.id, b.correct], [a.id, false]]);
    expect(parsed.badLines).toEqual([4]);
    expect(parsed.cleanText).toBe(resultLine(a) + resultLine(b) + resultLine({ ...a, correct: false }));
  });
});

describe('progress', () => {
  it('time left is the mean time per finished question times the questions left', () => {
    const rows = [{ elapsedMs: 1000 }, { elapsedMs: 3000 }] as BenchResultRow[];
    expect(estimateProgress(rows, 5)).toEqual({ done: 2, total: 5, remainingMs: 6000 });
    expect(estimateProgress([], 5).remainingMs).toBeNull();
    expect(formatTimeLeft(6000)).toBe('about 6 s left');
    expect(formatTimeLeft(10 * 60_000)).toBe('about 10 min left');
    expect(formatTimeLeft(null)).toBe('');
  });
});
