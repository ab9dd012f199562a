import { describe, expect, it } from 'vitest';
import { describeProblems, parseDataset, parseDatasets, taskCounts } from '../../../src/bench/dataset';
import { interleave, seededShuffle, selectRecords } from '../../../src/bench/selection';
import type { BenchRecord } from '../../../src/bench/scorers/types';
import { miniRecords } from './helpers';

function records(spec: Record<string, number>): BenchRecord[] {
  return Object.entries(spec).flatMap(([task, n]) => Array.from({ length: n }, (_, i) => ({ id: `${task}/${i}`, task, question: `q ${task} ${i}`, solution: i })));
}

describe('parseDataset', () => {
  it('reads records, skips blank lines and reports unusable lines with their line numbers', () => {
    const text = [
      '\uFEFF{"id": "a/1", "task": "a", "question": "Q1", "solution": 1}',
      '',
      'not json',
      '{"id": 7, "task": "a", "question": "Q7", "solution": {"x": 1}}',
      '{"id": "a/2", "task": "a", "question": "Q2"}',
      '[1,2]',
      '{"id": "a/1", "task": "a", "question": "again", "solution": 2}',
    ].join('\n');
    const { records: got, problems } = parseDataset(text, 'd.jsonl');
    expect(got).toEqual([
      { id: 'a/1', task: 'a', question: 'Q1', solution: 1 },
      { id: '7', task: 'a', question: 'Q7', solution: { x: 1 } },
    ]);
    expect(problems.map((p) => p.line)).toEqual([3, 5, 6, 7]);
    expect(problems[1]!.message).toContain('"solution" is missing');
    expect(problems[3]!.message).toContain('appears again');
    expect(describeProblems(problems, 2)).toMatch(/^4 lines could not be used: d.jsonl line 3: not valid JSON .*; d.jsonl line 5: .*; and 2 more$/);
  });

  it('keeps ids unique across several files (the first file wins)', () => {
    const a = '{"id": "x/1", "task": "x", "question": "from a", "solution": 1}';
    const b = '{"id": "x/1", "task": "x", "question": "from b", "solution": 1}\n{"id": "x/2", "task": "x", "question": "b2", "solution": 2}';
    const { records: got, problems } = parseDatasets([{ text: a, source: 'a' }, { text: b, source: 'b' }]);
    expect(got.map((r) => `${r.id}:${r.question}`)).toEqual(['x/1:from a', 'x/2:b2']);
    expect(problems).toEqual([{ source: 'b', line: 1, message: 'record x/1 appears again; the first one is kept' }]);
  });

  it('reads the fixture dataset copied from SymBench', () => {
    const mini = miniRecords();
    expect(mini).toHaveLength(11);
    expect(taskCounts(mini).find((t) => t.task === 'game24')).toEqual({ task: 'game24', count: 2 });
  });
});

describe('selectRecords', () => {
  const data = records({ b: 5, a: 3, c: 1 });

  it('without options: every question, tasks interleaved in name order, file order within a task', () => {
    const { plan } = selectRecords(data);
    expect(plan.map((r) => r.id)).toEqual(['a/0', 'b/0', 'c/0', 'a/1', 'b/1', 'a/2', 'b/2', 'b/3', 'b/4']);
  });

  it('--limit is per task, and --tasks keeps only the named tasks in the order given', () => {
    const { plan, unknownTasks } = selectRecords(data, { tasks: ['b', 'zzz', 'a'], limitPerTask: 2 });
    expect(plan.map((r) => r.id)).toEqual(['b/0', 'a/0', 'b/1', 'a/1']);
    expect(unknownTasks).toEqual(['zzz']);
  });

  it('a seed gives a reproducible sample that differs from file order and from another seed', () => {
    const big = records({ t: 40 });
    const one = selectRecords(big, { seed: 1, limitPerTask: 10 }).plan.map((r) => r.id);
    expect(selectRecords(big, { seed: 1, limitPerTask: 10 }).plan.map((r) => r.id)).toEqual(one);
    expect(one).not.toEqual(big.slice(0, 10).map((r) => r.id));
    expect(selectRecords(big, { seed: 2, limitPerTask: 10 }).plan.map((r) => r.id)).not.toEqual(one);
    expect(new Set(one).size).toBe(10);
  });

  it('a task sample does not change when another task is added to the selection', () => {
    const ids = (tasks: string[]) => selectRecords(records({ a: 20, b: 20 }), { seed: 5, limitPerTask: 4, tasks }).plan.filter((r) => r.task === 'a').map((r) => r.id);
    expect(ids(['a', 'b'])).toEqual(ids(['a']));
  });

  it('include filters before sampling and counts what it left out', () => {
    const { plan, excluded } = selectRecords(data, { include: (r) => r.id !== 'b/0', limitPerTask: 1 });
    expect(plan.map((r) => r.id)).toEqual(['a/0', 'b/1', 'c/0']);
    expect(excluded).toBe(1);
  });

  it('seededShuffle is a permutation; interleave keeps every item', () => {
    const shuffled = seededShuffle([1, 2, 3, 4, 5, 6, 7], 42);
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(interleave([[1, 2, 3], [], [4]])).toEqual([1, 4, 2, 3]);
  });
});
