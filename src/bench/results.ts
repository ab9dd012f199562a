/**
 * The benchmark results format: one JSON object per question (a JSONL line in `--out`, an entry in the
 * app's stored run and JSON export). Each row carries the benchmark record (id, task, question, solution)
 * and the model's `response` in the loop's structured form, so `r1ci score RESULTS.jsonl` re-scores a
 * results file as it is, and a run can be resumed by skipping the ids already present.
 * Pure: no DOM, no Node.
 */
import type { LoopOutcome, StopReason } from '../loop/events';
import type { BenchRecord, Verdict } from './scorers/types';

export const RESULTS_FORMAT = 'r1ci-bench-results';

export interface BenchRound {
  /** The model's text in this round (the only text an answer may come from). */
  generated: string;
  code: string | null;
  /** Results text appended after the block, or null when nothing ran. */
  result: string | null;
  /** How the block ended, when one ran. */
  status?: string;
  pythonMs?: number;
}

export interface BenchResultRow {
  id: string;
  task: string;
  question: string;
  solution: unknown;
  correct: boolean;
  /** The last `<<<...>>>` of the model's own text, or null. */
  extracted: string | null;
  /** Why the scorer said no. */
  reason?: string;
  stop: StopReason;
  codeCalls: number;
  completionTokens: number;
  /** Prompt tokens processed, when the engine reported them; null otherwise. */
  promptTokens: number | null;
  /** True when token counts are estimates (a recording, or a server that did not report usage). */
  tokensEstimated: boolean;
  /** Wall-clock time for the question: generation and Python. */
  elapsedMs: number;
  /** Time spent generating (the engine's decode figures where reported, else wall-clock minus Python). */
  generationMs: number;
  /** completionTokens per second of generation; null for recordings and when nothing was generated or timed. */
  tokensPerSecond: number | null;
  /** What produced the text ("Recording: ...", a model name). */
  engine: string;
  recording: boolean;
  /** The loop's output: enough for `score` to re-score and for a reader to follow the session. */
  response: { transcript: string; answer: string | null; rounds: BenchRound[] };
  /** ISO time the question finished. */
  finishedAt: string;
}

export interface RowFigures {
  /** Generation wall-clock per round, measured by the runner (ms). */
  generationMs: number;
  engineLabel: string;
  recording: boolean;
  finishedAt: number;
}

/** One result row from a record, its loop outcome and its verdict. */
export function resultRow(record: BenchRecord, outcome: LoopOutcome, verdict: Verdict, figures: RowFigures): BenchResultRow {
  const reported = outcome.rounds.every((r) => r.usage?.decodeMs !== undefined) && outcome.rounds.length > 0;
  const decodeMs = outcome.rounds.reduce((ms, r) => ms + (r.usage?.decodeMs ?? 0) + (r.usage?.prefillMs ?? 0), 0);
  const generationMs = reported ? decodeMs : figures.generationMs;
  const tokens = outcome.totals.completionTokens;
  const anyPrompt = outcome.rounds.some((r) => r.usage?.promptTokens !== undefined);
  return {
    id: record.id,
    task: record.task,
    question: record.question,
    solution: record.solution,
    correct: verdict.correct,
    extracted: verdict.extracted,
    ...(verdict.reason && !verdict.correct ? { reason: verdict.reason } : {}),
    stop: outcome.stop,
    codeCalls: outcome.totals.codeCalls,
    completionTokens: tokens,
    promptTokens: anyPrompt ? outcome.totals.promptTokens : null,
    tokensEstimated: figures.recording || outcome.rounds.some((r) => r.usage?.estimated),
    elapsedMs: outcome.totals.elapsedMs,
    generationMs,
    // A recording's speed is the playback's, not a model's: not a figure worth showing.
    tokensPerSecond: !figures.recording && tokens > 0 && generationMs > 0 ? (tokens * 1000) / generationMs : null,
    engine: figures.engineLabel,
    recording: figures.recording,
    response: {
      transcript: outcome.transcript,
      answer: outcome.answer,
      rounds: outcome.rounds.map((r) => ({
        generated: r.generated,
        code: r.code,
        result: r.result,
        ...(r.run ? { status: r.run.status, pythonMs: r.run.durationMs } : {}),
      })),
    },
    finishedAt: new Date(figures.finishedAt).toISOString(),
  };
}

export interface ParsedResults {
  /** Rows read, in file order; a later row for the same id replaces an earlier one. */
  rows: BenchResultRow[];
  /** Lines that could not be read (a line cut off by an interrupted write is the usual one). */
  badLines: number[];
  /** The text with only the readable lines, each ending in a newline: what to write back before appending. */
  cleanText: string;
}

/** Reads a results file for resuming: keeps every readable row, reports the rest. */
export function parseResults(text: string): ParsedResults {
  const byId = new Map<string, BenchResultRow>();
  const badLines: number[] = [];
  const kept: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const row = readRow(line);
    if (!row) return void badLines.push(index + 1);
    byId.delete(row.id); // keep file order of the latest
    byId.set(row.id, row);
    kept.push(line);
  });
  return { rows: [...byId.values()], badLines, cleanText: kept.map((l) => l + '\n').join('') };
}

function readRow(line: string): BenchResultRow | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const row = value as Partial<BenchResultRow>;
  const ok =
    typeof row.id === 'string' &&
    typeof row.task === 'string' &&
    typeof row.correct === 'boolean' &&
    typeof row.codeCalls === 'number' &&
    typeof row.completionTokens === 'number' &&
    typeof row.elapsedMs === 'number' &&
    typeof row.response === 'object' &&
    row.response !== null;
  return ok ? (row as BenchResultRow) : null;
}

/** One results-file line (with its newline). */
export function resultLine(row: BenchResultRow): string {
  return JSON.stringify(row) + '\n';
}
