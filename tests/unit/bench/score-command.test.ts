/** The `r1ci score` command end to end (a real process), and the batch functions behind it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { r1ciSync } from '../cli-process';
import { formatSummary, scoreLine, summarize } from '../../../src/bench/scorers/batch';
import { hasBenchmark, loadRecords } from './records';

function runScore(...args: string[]) {
  return r1ciSync(['score', ...args], 60_000);
}

describe.skipIf(!hasBenchmark('game24') || !hasBenchmark('pooling'))('r1ci score', () => {
  it('prints one verdict per line in input order, an error for unreadable lines, and a per-task summary', () => {
    const game = loadRecords('game24')[0]; // 1 1 11 11
    const pool = loadRecords('pooling')[0]; // [[11, 11], [11, 18]]
    const FENCE = '```';
    const lines = [
      JSON.stringify({ ...game, response: 'So <<<11+11+1+1>>>' }),
      '{"id": "broken", this is not json',
      JSON.stringify({ ...pool, response: { rounds: [{ generated: 'It is <<<11,11,11,18>>>', code: null, result: null }] } }),
      '',
      JSON.stringify({ ...game, task: 'no_such_task', response: '<<<1>>>' }),
      JSON.stringify({ ...game, response: 'I give up.' }),
      JSON.stringify({ ...pool, response: `${FENCE}python\nprint("<<<11,11,11,18>>>")\n${FENCE}\nCode Execution Results: <<<11,11,11,18>>>\n` }),
      JSON.stringify({ id: 'x', task: 'pooling', question: 'q', response: '<<<1>>>' }),
      JSON.stringify({ ...pool, response: '<<<11, 11, 11, 17>>>' }),
    ];
    const dir = mkdtempSync(join(tmpdir(), 'r1ci-score-'));
    const file = join(dir, 'responses.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');

    const { code: status, stdout, stderr } = runScore(file);
    expect(status).toBe(0);
    const out = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(out).toEqual([
      { id: 'game24/1', task: 'game24', correct: true, extracted: '11+11+1+1' },
      { line: 2, error: expect.stringMatching(/not valid JSON/) },
      { id: 'pooling/1', task: 'pooling', correct: true, extracted: '11,11,11,18' },
      { line: 5, error: 'unknown task "no_such_task"', id: 'game24/1', task: 'no_such_task' },
      { id: 'game24/1', task: 'game24', correct: false, extracted: null },
      { id: 'pooling/1', task: 'pooling', correct: false, extracted: null },
      { line: 8, error: 'missing field "solution"', id: 'x', task: 'pooling' },
      { id: 'pooling/1', task: 'pooling', correct: false, extracted: '11, 11, 11, 17' },
    ]);
    expect(stderr).toMatch(/^game24\s+2\s+1\s+50\.0%$/m);
    expect(stderr).toMatch(/^pooling\s+3\s+1\s+33\.3%$/m);
    expect(stderr).toMatch(/^all\s+5\s+2\s+40\.0%$/m);
    expect(stderr).toMatch(/3 lines could not be read/);

    // --reasons adds why a verdict is wrong; a byte-order mark at the start is not an error.
    writeFileSync(file, '\uFEFF' + lines[8] + '\n');
    const withReasons = runScore('--reasons', file);
    expect(withReasons.code).toBe(0);
    expect(JSON.parse(withReasons.stdout)).toEqual({ id: 'pooling/1', task: 'pooling', correct: false, extracted: '11, 11, 11, 17', reason: expect.stringMatching(/cell 4/) });
  });

  it('fails with one clear line and exit code 2 for a missing file or bad arguments', () => {
    for (const args of [['/no/such/file.jsonl'], [], ['a.jsonl', 'b.jsonl'], ['--verbose']]) {
      const { code: status, stdout, stderr } = runScore(...args);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^r1ci: (no such file|missing FILE|expected one FILE|unknown option "--verbose")/);
    }
  });
});

describe('scoreLine and summarize', () => {
  const record = { id: 'statistical_counting/x', task: 'statistical_counting', question: 'q', solution: { solution: 3 } };

  it('scores a readable line and keeps the reason for a wrong one', () => {
    expect(scoreLine(JSON.stringify({ ...record, response: '<<<3>>>' }), 1)).toEqual({ id: record.id, task: record.task, correct: true, extracted: '3' });
    expect(scoreLine(JSON.stringify({ ...record, response: '<<<4>>>' }), 1)).toMatchObject({ correct: false, extracted: '4', reason: expect.any(String) });
  });

  it('names what is wrong with an unreadable line', () => {
    expect(scoreLine('[1, 2]', 3)).toEqual({ line: 3, error: expect.stringMatching(/JSON object/) });
    expect(scoreLine('null', 4)).toMatchObject({ line: 4 });
    expect(scoreLine(JSON.stringify({ ...record, response: undefined }), 5)).toEqual({ line: 5, error: 'missing field "response"', id: record.id, task: record.task });
    expect(scoreLine(JSON.stringify({ ...record, id: 7, response: '<<<3>>>' }), 6)).toMatchObject({ id: '7', correct: true });
    expect(scoreLine(JSON.stringify({ ...record, question: 5, response: '' }), 7)).toMatchObject({ line: 7, error: '"question" must be a string' });
  });

  it('counts per task, ignoring error lines, and prints a total', () => {
    const results = [
      scoreLine(JSON.stringify({ ...record, response: '<<<3>>>' }), 1),
      scoreLine(JSON.stringify({ ...record, response: '<<<2>>>' }), 2),
      scoreLine('oops', 3),
    ];
    expect(summarize(results)).toEqual([{ task: 'statistical_counting', count: 2, correct: 1, accuracy: 0.5 }]);
    expect(formatSummary(summarize(results), 1)).toMatch(/statistical_counting\s+2\s+1\s+50\.0%\nall\s+2\s+1\s+50\.0%\n1 line could not be read/);
  });
});
