import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreResponse, scoredTasks, type BenchRecord } from '../../../src/bench/scorers/index';
import { extractAnswer } from '../../../src/loop/answer';
import { parseReplayFile, type ReplayFile } from '../../../src/engines/replay-file';
import { DEMOS, EXPECTED_ANSWERS, FIXTURES, loadFixtures } from './fixtures';

/**
 * The replay fixtures and the app's demos: well-formed, questions verbatim from the benchmark, answers
 * as expected. (That their printed outputs are what Pyodide computes is checked in replay-loop.test.ts.)
 */
const BENCHMARK = '../shared/benchmark/symbench';

function benchmarkRecord(file: ReplayFile): BenchRecord {
  const id = file.source!.replace('SymBench ', '');
  const records = readFileSync(join(BENCHMARK, `${file.task}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as BenchRecord);
  const record = records.find((r) => r.id === id);
  if (!record) throw new Error(`${id} is not in the benchmark`);
  return record;
}

describe('replay fixtures', () => {
  const fixtures = loadFixtures();

  it('cover at least six different tasks, each with an expected answer', () => {
    expect(new Set(fixtures.map((f) => f.file.task)).size).toBeGreaterThanOrEqual(6);
    expect(fixtures.map((f) => f.name).sort()).toEqual(Object.keys(EXPECTED_ANSWERS).sort());
  });

  it('include a session with two code rounds and one whose first script fails', () => {
    const blocks = (file: ReplayFile) => file.rounds.filter((r) => r.includes('```python')).length;
    expect(fixtures.some((f) => blocks(f.file) >= 2)).toBe(true);
    expect(fixtures.find((f) => f.name === 'statistical-counting')?.file.rounds[1]).toMatch(/TypeError/);
  });

  it.each(fixtures.map((f) => [f.name, f.file] as const))('%s ends with its expected answer', (name, file) => {
    expect(extractAnswer(file.rounds.at(-1)!)).toBe(EXPECTED_ANSWERS[name]);
  });

  it.each(fixtures.map((f) => [f.name, f.file] as const))('%s has a title, a task, a source and a question', (_name, file) => {
    expect(file.title).toBeTruthy();
    expect(file.task).toBeTruthy();
    expect(file.source).toMatch(/^SymBench [a-z0-9_]+\/\d+$/);
    expect(file.question).toBeTruthy();
  });

  it.runIf(existsSync(BENCHMARK)).each(fixtures.filter((f) => scoredTasks.includes(f.file.task!)).map((f) => [f.name, f.file] as const))(
    '%s is scored correct by the benchmark scorer',
    (_name, file) => {
      const record = benchmarkRecord(file);
      expect(scoreResponse(record, file.rounds.join(''))).toMatchObject({ correct: true });
    },
  );

  it.runIf(existsSync(BENCHMARK)).each(fixtures.map((f) => [f.name, f.file] as const))(
    '%s repeats its benchmark question verbatim',
    (_name, file) => {
      expect(benchmarkRecord(file).question).toBe(file.question);
    },
  );
});

describe('demos', () => {
  const index = JSON.parse(readFileSync(join(DEMOS, 'index.json'), 'utf8')) as { name: string; title: string; task: string }[];

  it('index lists every demo file with its title and task', () => {
    const files = readdirSync(DEMOS).filter((f) => f.endsWith('.json') && f !== 'index.json').map((f) => f.replace(/\.json$/, ''));
    expect(index.map((d) => d.name).sort()).toEqual(files.sort());
    for (const entry of index) {
      const demo = parseReplayFile(readFileSync(join(DEMOS, `${entry.name}.json`), 'utf8'), entry.name);
      expect(entry.title).toBe(demo.title);
      expect(entry.task).toBe(demo.task);
      expect(entry.name).toMatch(/^[a-z0-9-]+$/); // safe in ?demo=<name>
    }
  });

  it('are the tested fixtures, unchanged', () => {
    for (const entry of index) {
      expect(readFileSync(join(DEMOS, `${entry.name}.json`), 'utf8')).toBe(readFileSync(join(FIXTURES, `${entry.name}.json`), 'utf8'));
    }
  });
});
