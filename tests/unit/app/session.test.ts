import { describe, expect, it } from 'vitest';
import { R1CI_3B } from '../../../models/r1ci.protocol';
import { ReplayEngine } from '../../../src/engines/replay';
import type { LoopOutcome } from '../../../src/loop/events';
import { runLoop } from '../../../src/loop/run-loop';
import type { PythonRunner, RunRequest, RunResult } from '../../../src/python/runner';
import { MAX_KEPT_OUTPUT_CHARS, applyLoopEvent, failSession, markInterrupted } from '../../../src/app/state/session';
import { makeSession } from './helpers';

const okResult = (stdout: string, stderr = ''): RunResult => ({
  status: 'ok', stdout, stderr, stdoutChars: stdout.length, stderrChars: stderr.length, durationMs: 12,
});

function outcome(stop: LoopOutcome['stop'], answer: string | null = null): LoopOutcome {
  return { prompt: '', transcript: '', rounds: [], answer, stop, totals: { completionTokens: 5, promptTokens: 9, codeCalls: 1, elapsedMs: 40 } };
}

describe('applyLoopEvent', () => {
  it('builds rounds, code runs and the answer from the loop events', () => {
    const s = makeSession();
    applyLoopEvent(s, { type: 'round-start', round: 0 }, 1000);
    applyLoopEvent(s, { type: 'text', round: 0, delta: 'Let me compute.\n```python\nprint(6*7)\n' }, 1010);
    applyLoopEvent(s, { type: 'text', round: 0, delta: '```' }, 1020);
    applyLoopEvent(s, { type: 'code', round: 0, code: 'print(6*7)\n', language: 'python' }, 1030);
    applyLoopEvent(s, { type: 'exec-start', round: 0, code: 'print(6*7)\n' }, 1040);
    applyLoopEvent(s, { type: 'exec-output', round: 0, stream: 'stdout', text: '4' }, 1041);
    applyLoopEvent(s, { type: 'exec-output', round: 0, stream: 'stdout', text: '2\n' }, 1042);
    expect(s.rounds[0]!.run!.output).toEqual([{ stream: 'stdout', text: '42\n' }]);
    applyLoopEvent(s, { type: 'exec-end', round: 0, result: okResult('42\n', 'warn\n'), resultText: '\nCode Execution Results: 42\nwarn\n\n' }, 1060);
    applyLoopEvent(s, { type: 'round-start', round: 1 }, 1070);
    applyLoopEvent(s, { type: 'text', round: 1, delta: '<<<42>>>' }, 1080);
    applyLoopEvent(s, { type: 'answer', answer: '42' }, 1090);
    applyLoopEvent(s, { type: 'done', outcome: outcome('answer', '42') }, 1100);

    expect(s.rounds).toHaveLength(2);
    expect(s.rounds[0]!.text).toBe('Let me compute.\n```python\nprint(6*7)\n```');
    expect(s.rounds[0]!.pieces).toBe(2);
    expect(s.rounds[0]!.code).toBe('print(6*7)\n');
    expect(s.rounds[0]!.generationEndedAt).toBe(1030);
    // The result replaces live output (it is authoritative), stdout and stderr kept apart.
    expect(s.rounds[0]!.run).toMatchObject({ status: 'ok', durationMs: 12, output: [{ stream: 'stdout', text: '42\n' }, { stream: 'stderr', text: 'warn\n' }] });
    expect(s.answer).toBe('42');
    expect(s.status).toBe('done');
    expect(s.stop).toBe('answer');
    expect(s.totals?.codeCalls).toBe(1);
  });

  it('maps the stop reasons to statuses and closes runs left open', () => {
    const stopped = makeSession();
    applyLoopEvent(stopped, { type: 'round-start', round: 0 }, 1);
    applyLoopEvent(stopped, { type: 'exec-start', round: 0, code: 'while True: pass' }, 2);
    applyLoopEvent(stopped, { type: 'done', outcome: outcome('aborted') }, 3);
    expect(stopped.status).toBe('stopped');
    expect(stopped.rounds[0]!.run!.status).toBe('aborted');

    const failed = makeSession();
    applyLoopEvent(failed, { type: 'round-start', round: 0 }, 1);
    applyLoopEvent(failed, { type: 'exec-start', round: 0, code: 'x' }, 2);
    applyLoopEvent(failed, { type: 'done', outcome: { ...outcome('error'), error: { name: 'EngineError', message: 'GPU lost' } } }, 3);
    expect(failed.status).toBe('error');
    expect(failed.error).toEqual({ name: 'EngineError', message: 'GPU lost' });
    expect(failed.rounds[0]!.run!.status).toBe('crashed');

    for (const stop of ['eos', 'max_calls', 'max_tokens'] as const) {
      const s = makeSession();
      applyLoopEvent(s, { type: 'done', outcome: outcome(stop) }, 1);
      expect(s.status).toBe('done');
    }
  });

  it('keeps at most MAX_KEPT_OUTPUT_CHARS of live output', () => {
    const s = makeSession();
    applyLoopEvent(s, { type: 'round-start', round: 0 }, 1);
    applyLoopEvent(s, { type: 'exec-start', round: 0, code: 'flood()' }, 2);
    for (let i = 0; i < 30; i++) applyLoopEvent(s, { type: 'exec-output', round: 0, stream: i % 2 ? 'stderr' : 'stdout', text: 'x'.repeat(10_000) }, 3);
    const kept = s.rounds[0]!.run!.output.reduce((n, c) => n + c.text.length, 0);
    expect(kept).toBe(MAX_KEPT_OUTPUT_CHARS);
  });

  it('folds the events of the real loop run on a recording', async () => {
    const engine = new ReplayEngine({ question: 'q', rounds: ['Compute.\n```python\nprint(6*7)\n```\nignored', 'So <<<42>>>'] }, { seed: 3 });
    const python: PythonRunner = { run: async (req: RunRequest) => okResult(req.code.includes('6*7') ? '42\n' : '') };
    const s = makeSession();
    let t = 0;
    const result = await runLoop({ protocol: R1CI_3B, engine, python, question: 'q', onEvent: (e) => applyLoopEvent(s, e, ++t) });
    expect(s.rounds.map((r) => r.text)).toEqual(result.rounds.map((r) => r.generated));
    expect(s.rounds[0]!.text).not.toContain('ignored');
    expect(s.rounds[0]!.run!.output).toEqual([{ stream: 'stdout', text: '42\n' }]);
    expect(s.answer).toBe('42');
    expect(s.status).toBe('done');
  });
});

describe('markInterrupted and failSession', () => {
  it('marks a session cut off while running as interrupted, keeping its text', () => {
    const s = makeSession();
    applyLoopEvent(s, { type: 'round-start', round: 0 }, 1);
    applyLoopEvent(s, { type: 'text', round: 0, delta: 'partial thought' }, 2);
    applyLoopEvent(s, { type: 'exec-start', round: 0, code: 'x' }, 3);
    markInterrupted(s);
    expect(s.status).toBe('interrupted');
    expect(s.rounds[0]!.generationEndedAt).toBe(3);
    expect(s.rounds[0]!.text).toBe('partial thought');
    expect(s.rounds[0]!.run!.status).toBe('aborted');
    const done = makeSession({ status: 'done' });
    expect(markInterrupted(done).status).toBe('done');
  });

  it('ends a session that failed before the loop, an abort counting as a stop', () => {
    expect(failSession(makeSession(), { name: 'ReplayFileError', message: 'bad file' }, 5)).toMatchObject({ status: 'error', error: { message: 'bad file' } });
    const aborted = failSession(makeSession(), { name: 'AbortError', message: 'aborted' }, 5);
    expect(aborted.status).toBe('stopped');
    expect(aborted.error).toBeUndefined();
  });
});
