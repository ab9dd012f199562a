import { describe, expect, it } from 'vitest';
import { csvCell, CSV_COLUMNS, parseCsv, toCsv, toJsonExport, type BenchRunInfo } from '../../../src/bench/export';
import { PAPER_AVERAGES } from '../../../src/bench/reference';
import type { BenchResultRow } from '../../../src/bench/results';
import { formatBenchTable, summarizeRows } from '../../../src/bench/summary';

function row(id: string, task: string, correct: boolean, extra: Partial<BenchResultRow> = {}): BenchResultRow {
  return {
    id, task, question: `question ${id}`, solution: null, correct, extracted: correct ? 'yes' : 'no', stop: 'answer',
    codeCalls: 1, completionTokens: 100, promptTokens: null, tokensEstimated: false, elapsedMs: 2000, generationMs: 1000,
    tokensPerSecond: 100, engine: 'test', recording: false,
    response: { transcript: `transcript of ${id}`, answer: 'x', rounds: [{ generated: `transcript of ${id}`, code: null, result: null }] },
    finishedAt: '2026-01-01T00:00:00.000Z', ...extra,
  };
}

// Task a: 1 of 4 right; task b: 2 of 2 right. Macro = (0.25 + 1) / 2 = 0.625, micro = 3 / 6 = 0.5.
const rows = [
  row('a/1', 'a', true, { codeCalls: 0, completionTokens: 50, elapsedMs: 1000, generationMs: 500 }),
  row('a/2', 'a', false, { codeCalls: 2, completionTokens: 150, elapsedMs: 3000, generationMs: 1500 }),
  row('a/3', 'a', false, { codeCalls: 1 }),
  row('a/4', 'a', false, { codeCalls: 1, generationMs: 0, completionTokens: 0 }),
  row('b/1', 'b', true, { codeCalls: 4, completionTokens: 300, elapsedMs: 6000, generationMs: 3000 }),
  row('b/2', 'b', true, { codeCalls: 2, completionTokens: 100, elapsedMs: 4000, generationMs: 1000 }),
];

describe('summarizeRows', () => {
  const summary = summarizeRows(rows);

  it('per task: counts, accuracy, mean code calls, tokens and time; tokens/s pooled over timed questions', () => {
    const [a, b] = summary.tasks;
    expect(a).toMatchObject({ task: 'a', count: 4, correct: 1, accuracy: 0.25, meanCodeCalls: 1, meanCompletionTokens: 75, meanElapsedMs: 2000 });
    // Tokens/s over questions with generation time: (50+150+100) tokens over (500+1500+1000) ms.
    expect(a!.tokensPerSecond).toBeCloseTo(100, 9);
    expect(b).toMatchObject({ task: 'b', count: 2, correct: 2, accuracy: 1, meanCodeCalls: 3, meanCompletionTokens: 200, meanElapsedMs: 5000 });
    expect(b!.tokensPerSecond).toBeCloseTo(100, 9);
  });

  it('overall: macro mean over tasks (the paper\'s figure) and micro over questions differ as they should', () => {
    expect(summary.macroAccuracy).toBeCloseTo(0.625, 12);
    expect(summary.all).toMatchObject({ count: 6, correct: 3, accuracy: 0.5, meanCodeCalls: 10 / 6 });
    expect(summarizeRows([]).macroAccuracy).toBeNull();
  });

  it('the terminal table shows each task, the micro and the macro rows', () => {
    const table = formatBenchTable(summary);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^task\s+n\s+correct\s+accuracy\s+code calls\s+tokens\s+tokens\/s\s+time\/question$/);
    expect(lines.find((l) => l.startsWith('a '))).toMatch(/^a\s+4\s+1\s+25\.0%\s+1\.00\s+75\s+100\.0\s+2\.0 s$/);
    expect(lines.find((l) => l.startsWith('all questions (micro)'))).toMatch(/\s6\s+3\s+50\.0%/);
    expect(lines.find((l) => l.startsWith('mean over tasks (macro)'))).toMatch(/62\.5%$/);
    expect(table).not.toContain('estimates');
    expect(formatBenchTable(summarizeRows([row('r/1', 'r', true, { tokensEstimated: true })]))).toContain('~ token counts are estimates');
  });

  it('paper reference figures are averages only (no per-task figures)', () => {
    expect(PAPER_AVERAGES.map((f) => f.average)).toEqual([0.641, 0.724, 0.586, 0.709]);
  });
});

describe('exports', () => {
  const info: BenchRunInfo = { dataset: 'mini.jsonl', engine: 'test', recording: false, tasks: ['a', 'b'], limitPerTask: null, seed: 3, planned: 6, startedAt: '2026-01-01T00:00:00.000Z' };

  it('JSON holds the run, the summary and every row with its transcript', () => {
    const data = JSON.parse(toJsonExport(info, rows, new Date('2026-01-02T00:00:00Z')));
    expect(data).toMatchObject({ format: 'r1ci-bench-results', version: 1, exportedAt: '2026-01-02T00:00:00.000Z', run: info });
    expect(data.summary.macroAccuracy).toBeCloseTo(0.625, 12);
    expect(data.results).toEqual(rows);
  });

  it('CSV: one line per question, transcripts included, readable back cell for cell', () => {
    const tricky = row('c/1', 'c', false, {
      extracted: '=HYPERLINK("http://x")',
      response: { transcript: 'line 1, with "quotes"\nline 2\r\n<script>alert(1)</script>', answer: null, rounds: [] },
    });
    const table = parseCsv(toCsv([...rows, tricky]));
    expect(table[0]).toEqual([...CSV_COLUMNS]);
    expect(table).toHaveLength(rows.length + 2);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(table.slice(1).map((r) => r[col('id')])).toEqual(['a/1', 'a/2', 'a/3', 'a/4', 'b/1', 'b/2', 'c/1']);
    expect(table[1]![col('correct')]).toBe('true');
    expect(table[1]![col('code_calls')]).toBe('0');
    expect(table[1]![col('transcript')]).toBe('transcript of a/1');
    const last = table[7]!;
    expect(last[col('transcript')]).toBe('line 1, with "quotes"\nline 2\r\n<script>alert(1)</script>');
    // A formula-looking answer is neutralised for spreadsheets; plain negative numbers are not.
    expect(last[col('extracted')]).toBe('\'=HYPERLINK("http://x")');
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(last[col('prompt_tokens')]).toBe('');
  });
});
