/**
 * The benchmark runner shared by `r1ci bench` and the app's Benchmark view: for each planned question,
 * run R1-CI's full loop with the given engine, Python runner and protocol, score the response with the
 * scorer registry, and hand back one result row. Questions already done (resume) are skipped.
 *
 * Pure: no DOM and no Node imports. The caller persists rows (a JSONL file, IndexedDB) in `onResult`,
 * which is awaited, so a row is stored before the next question starts.
 *
 * Endings: every question finished -> "finished"; the signal fired (pause, Ctrl-C) -> "aborted" and the
 * question in progress is dropped (it is asked again on resume); the engine or Python runner failed
 * (server unreachable, worker gone) -> "error", also without a row, because an engine that fails once
 * would most likely fail every following question too; the caller says why and the run can be resumed.
 */
import type { ProtocolRecord } from '../../models/protocol';
import type { Engine } from '../engines/engine';
import type { LoopEvent } from '../loop/events';
import { runLoop } from '../loop/run-loop';
import type { PythonRunner } from '../python/runner';
import { resultRow, type BenchResultRow } from './results';
import { scoreResponse } from './scorers/index';
import type { BenchRecord, Verdict } from './scorers/types';

export interface BenchProgress {
  /** Questions with a result (resumed ones included). */
  done: number;
  total: number;
  /** Estimated time left: the mean time per finished question times the questions left; null before any. */
  remainingMs: number | null;
}

export interface BenchRunOptions {
  /** The questions, in run order (see selection.ts). */
  plan: readonly BenchRecord[];
  /** The engine for a question: the same live model for all, or that question's recording. */
  engineFor: (record: BenchRecord, signal: AbortSignal | undefined) => Engine | Promise<Engine>;
  python: PythonRunner;
  protocol: ProtocolRecord;
  /** Rows already finished (a resumed run): their ids are skipped and their times count toward the estimate. */
  previous?: readonly BenchResultRow[];
  signal?: AbortSignal;
  /** Scores a response; the scorer registry by default. */
  score?: (record: BenchRecord, response: unknown) => Verdict;
  /** Clock, for tests. */
  now?: () => number;
  onQuestionStart?: (record: BenchRecord, progress: BenchProgress) => void;
  onEvent?: (record: BenchRecord, event: LoopEvent) => void;
  onResult?: (row: BenchResultRow, progress: BenchProgress) => void | Promise<void>;
}

export type BenchEnding =
  | { status: 'finished' }
  | { status: 'aborted' }
  | { status: 'error'; id: string; error: { name: string; message: string } };

export interface BenchRunResult {
  /** Rows of this plan: previous ones first (in plan order), then the new ones as they finished. */
  rows: BenchResultRow[];
  /** Rows produced by this call. */
  added: BenchResultRow[];
  ending: BenchEnding;
}

export async function runBenchmark(options: BenchRunOptions): Promise<BenchRunResult> {
  const { plan, python, protocol, signal } = options;
  const now = options.now ?? Date.now;
  const score = options.score ?? scoreResponse;
  const planned = new Set(plan.map((r) => r.id));
  const previous = new Map((options.previous ?? []).filter((r) => planned.has(r.id)).map((r) => [r.id, r]));
  const rows = plan.flatMap((r) => previous.get(r.id) ?? []);
  const added: BenchResultRow[] = [];
  const progress = (): BenchProgress => estimateProgress(rows, plan.length);

  for (const record of plan) {
    if (previous.has(record.id)) continue;
    if (signal?.aborted) return { rows, added, ending: { status: 'aborted' } };
    options.onQuestionStart?.(record, progress());
    let engine: Engine;
    try {
      engine = await options.engineFor(record, signal);
    } catch (err) {
      if ((err as Error)?.name === 'AbortError' || signal?.aborted) return { rows, added, ending: { status: 'aborted' } };
      return { rows, added, ending: { status: 'error', id: record.id, error: describe(err) } };
    }
    // Generation time per round: from the round's start to its usage report (Python runs after it).
    let generationMs = 0;
    let roundStarted = 0;
    const outcome = await runLoop({
      protocol,
      engine,
      python,
      question: record.question,
      signal,
      onEvent: (event) => {
        if (event.type === 'round-start') roundStarted = now();
        else if (event.type === 'usage') generationMs += now() - roundStarted;
        options.onEvent?.(record, event);
      },
    });
    if (outcome.stop === 'aborted') return { rows, added, ending: { status: 'aborted' } };
    if (outcome.stop === 'error') {
      return { rows, added, ending: { status: 'error', id: record.id, error: outcome.error ?? { name: 'Error', message: 'the question failed' } } };
    }
    const verdict = score(record, outcome);
    const row = resultRow(record, outcome, verdict, { generationMs, engineLabel: engine.label, recording: engine.isRecording, finishedAt: now() });
    rows.push(row);
    added.push(row);
    await options.onResult?.(row, progress());
  }
  return { rows, added, ending: { status: 'finished' } };
}

/** Done/total and the time left at the mean time per finished question. */
export function estimateProgress(rows: readonly BenchResultRow[], total: number): BenchProgress {
  const done = rows.length;
  if (done === 0) return { done, total, remainingMs: null };
  const mean = rows.reduce((ms, r) => ms + r.elapsedMs, 0) / done;
  return { done, total, remainingMs: Math.max(0, total - done) * mean };
}

/** "about 3 min left", "about 40 s left", "" when unknown. */
export function formatTimeLeft(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return 'less than a second left';
  const s = Math.round(ms / 1000);
  if (s < 90) return `about ${s} s left`;
  const min = Math.round(s / 60);
  if (min < 90) return `about ${min} min left`;
  return `about ${(s / 3600).toFixed(1)} h left`;
}

function describe(err: unknown): { name: string; message: string } {
  const e = err as Error | undefined;
  return { name: e?.name ?? 'Error', message: e?.message ?? String(err) };
}
