/**
 * Summary statistics of a benchmark run: per task, and overall both ways. The paper reports the MACRO
 * mean (the mean of per-task accuracies, every task weighing the same); the MICRO mean (all questions
 * pooled) is shown beside it because with uneven task sizes they differ. Pure: no DOM, no Node.
 */
import type { BenchResultRow } from './results';

export interface TaskStats {
  task: string;
  count: number;
  correct: number;
  /** correct / count, 0..1. */
  accuracy: number;
  meanCodeCalls: number;
  meanCompletionTokens: number;
  /** Mean wall-clock time per question (ms). */
  meanElapsedMs: number;
  /** Tokens over generation time, pooled over the task's questions; null when nothing was timed. */
  tokensPerSecond: number | null;
  /** True when any token count in the task is an estimate. */
  tokensEstimated: boolean;
}

export interface BenchSummary {
  tasks: TaskStats[];
  /** Every question pooled (micro). */
  all: TaskStats;
  /** Mean of the per-task accuracies (macro, as the paper reports it); null with no tasks. */
  macroAccuracy: number | null;
}

export function summarizeRows(rows: readonly BenchResultRow[]): BenchSummary {
  const byTask = new Map<string, BenchResultRow[]>();
  for (const row of rows) {
    const list = byTask.get(row.task) ?? [];
    list.push(row);
    byTask.set(row.task, list);
  }
  const tasks = [...byTask.entries()].map(([task, list]) => stats(task, list)).sort((a, b) => a.task.localeCompare(b.task));
  const macroAccuracy = tasks.length > 0 ? tasks.reduce((sum, t) => sum + t.accuracy, 0) / tasks.length : null;
  return { tasks, all: stats('all', rows), macroAccuracy };
}

function stats(task: string, rows: readonly BenchResultRow[]): TaskStats {
  const n = rows.length;
  const sum = (pick: (row: BenchResultRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const correct = rows.filter((r) => r.correct).length;
  const timed = rows.filter((r) => r.tokensPerSecond !== null && r.generationMs > 0);
  const timedMs = timed.reduce((total, r) => total + r.generationMs, 0);
  const timedTokens = timed.reduce((total, r) => total + r.completionTokens, 0);
  return {
    task,
    count: n,
    correct,
    accuracy: n ? correct / n : 0,
    meanCodeCalls: n ? sum((r) => r.codeCalls) / n : 0,
    meanCompletionTokens: n ? sum((r) => r.completionTokens) / n : 0,
    meanElapsedMs: n ? sum((r) => r.elapsedMs) / n : 0,
    tokensPerSecond: timedMs > 0 && timedTokens > 0 ? (timedTokens * 1000) / timedMs : null,
    tokensEstimated: rows.some((r) => r.tokensEstimated),
  };
}

/** "62.5%" */
export function percent(fraction: number | null): string {
  return fraction === null ? '—' : `${(100 * fraction).toFixed(1)}%`;
}

/** "3.2 s"; under a second in milliseconds ("40 ms"), so fast runs do not all read "0.0 s". */
export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A readable table for a terminal: one row per task, then the macro and micro means. */
export function formatBenchTable(summary: BenchSummary): string {
  const estimated = summary.all.tokensEstimated;
  const tok = (t: TaskStats) => `${estimated ? '~' : ''}${Math.round(t.meanCompletionTokens)}`;
  const rate = (t: TaskStats) => (t.tokensPerSecond === null ? '—' : `${estimated ? '~' : ''}${t.tokensPerSecond.toFixed(1)}`);
  const header = ['task', 'n', 'correct', 'accuracy', 'code calls', 'tokens', 'tokens/s', 'time/question'];
  const row = (t: TaskStats, name = t.task) => [name, String(t.count), String(t.correct), percent(t.accuracy), t.meanCodeCalls.toFixed(2), tok(t), rate(t), seconds(t.meanElapsedMs)];
  const body = summary.tasks.map((t) => row(t));
  const all = row(summary.all, 'all questions (micro)');
  const macro = ['mean over tasks (macro)', '', '', percent(summary.macroAccuracy), '', '', '', ''];
  const table = [header, ...body, all, macro];
  const widths = header.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const render = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const lines = [render(header), rule, ...body.map(render), rule, render(all), render(macro)];
  if (estimated) lines.push('~ token counts are estimates (a recording has text, not tokens, or the server did not report usage)');
  return lines.join('\n');
}
