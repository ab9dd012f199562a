/**
 * Scoring many responses: one JSON line per benchmark record plus its `"response"`, as the `score`
 * command and a re-score of exported results read them. Pure (no I/O), so the app can use it too.
 */
import { scoreResponse, scorers } from './index';
import type { BenchRecord } from './types';

/** What one input line becomes: a verdict, or why the line could not be read. */
export type LineResult =
  | { id: string; task: string; correct: boolean; extracted: string | null; reason?: string }
  | { line: number; error: string; id?: string; task?: string };

/**
 * Scores one line (`lineNumber` counts from 1, for the error message). Bad JSON, a missing field or an
 * unknown task give `{line, error}` (with id and task when known); a response without an answer is a
 * verdict (wrong), not an error.
 */
export function scoreLine(text: string, lineNumber: number): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { line: lineNumber, error: `not valid JSON (${(err as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line: lineNumber, error: 'expected a JSON object: a benchmark record plus "response"' };
  }
  const item = value as Record<string, unknown>;
  const known = {
    ...(typeof item.id === 'string' || typeof item.id === 'number' ? { id: String(item.id) } : {}),
    ...(typeof item.task === 'string' ? { task: item.task } : {}),
  };
  const missing = ['id', 'task', 'question', 'solution', 'response'].filter((name) => item[name] === undefined);
  if (missing.length > 0) return { line: lineNumber, error: `missing field${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`, ...known };
  if (known.id === undefined) return { line: lineNumber, error: '"id" must be a string', ...known };
  if (known.task === undefined) return { line: lineNumber, error: '"task" must be a string', ...known };
  if (typeof item.question !== 'string') return { line: lineNumber, error: '"question" must be a string', ...known };
  if (!Object.hasOwn(scorers, known.task)) return { line: lineNumber, error: `unknown task "${known.task}"`, ...known };
  const record: BenchRecord = { id: known.id, task: known.task, question: item.question, solution: item.solution };
  const verdict = scoreResponse(record, item.response);
  return { id: record.id, task: record.task, correct: verdict.correct, extracted: verdict.extracted, ...(verdict.reason ? { reason: verdict.reason } : {}) };
}

export interface TaskSummary {
  task: string;
  count: number;
  correct: number;
  /** correct / count, from 0 to 1. */
  accuracy: number;
}

/** Per-task counts of the scored lines (errors excluded), sorted by task name. */
export function summarize(results: readonly LineResult[]): TaskSummary[] {
  const byTask = new Map<string, TaskSummary>();
  for (const result of results) {
    if ('error' in result) continue;
    const summary = byTask.get(result.task) ?? { task: result.task, count: 0, correct: 0, accuracy: 0 };
    summary.count++;
    if (result.correct) summary.correct++;
    summary.accuracy = summary.correct / summary.count;
    byTask.set(result.task, summary);
  }
  return [...byTask.values()].sort((a, b) => a.task.localeCompare(b.task));
}

/** The summary as an aligned text table with a total row (the mean over questions, not over tasks). */
export function formatSummary(summaries: readonly TaskSummary[], errors: number): string {
  const count = summaries.reduce((n, s) => n + s.count, 0);
  const correct = summaries.reduce((n, s) => n + s.correct, 0);
  const rows = [...summaries, { task: 'all', count, correct, accuracy: count ? correct / count : 0 }];
  const width = Math.max(4, ...rows.map((r) => r.task.length));
  const line = (task: string, c: string, k: string, a: string) => `${task.padEnd(width)}  ${c.padStart(5)}  ${k.padStart(7)}  ${a.padStart(8)}`;
  const table = [line('task', 'count', 'correct', 'accuracy'), ...rows.map((r) => line(r.task, String(r.count), String(r.correct), (100 * r.accuracy).toFixed(1) + '%'))];
  if (errors > 0) table.push(`${errors} line${errors > 1 ? 's' : ''} could not be read (see the "error" lines)`);
  return table.join('\n');
}
