/**
 * A Benchmark-view run as it is kept in IndexedDB: the planned questions (so a reload needs neither the
 * file nor the URL again), the rows so far, and what answers them. Pure: no DOM, no IndexedDB.
 */
import type { BenchRunInfo } from '../../bench/export';
import type { BenchResultRow } from '../../bench/results';
import type { BenchRecord } from '../../bench/scorers/types';

/** What answers the questions: the loaded model, or a replay set (its text kept, so a reload can resume it). */
export type BenchEngineSpec = { kind: 'model'; label: string } | { kind: 'recording'; name: string; text: string };

export type BenchRunStatus = 'running' | 'paused' | 'finished' | 'error';

export interface StoredBenchRun {
  /** One run is kept at a time; starting a new one replaces it. */
  id: 'current';
  info: BenchRunInfo;
  plan: BenchRecord[];
  rows: BenchResultRow[];
  engine: BenchEngineSpec;
  status: BenchRunStatus;
  /** Why the run stopped, for "error" (and for "paused" after a reload), in words a user can act on. */
  message?: string;
}

/**
 * A stored run as read back: anything unreadable is dropped (null), and a run that was "running" when the
 * page went away comes back paused, with a note, since nothing is running any more.
 */
export function restoreRun(value: unknown): StoredBenchRun | null {
  if (typeof value !== 'object' || value === null) return null;
  const run = value as Partial<StoredBenchRun>;
  if (run.id !== 'current' || !Array.isArray(run.plan) || !Array.isArray(run.rows) || typeof run.info !== 'object' || run.info === null) return null;
  const engine = run.engine;
  const engineOk = engine?.kind === 'model' || (engine?.kind === 'recording' && typeof engine.text === 'string');
  if (!engineOk) return null;
  const restored = { ...(run as StoredBenchRun) };
  if (restored.status === 'running') {
    restored.status = 'paused';
    restored.message = 'The page was closed or reloaded during the run. Resume to continue where it stopped.';
  }
  return restored;
}

/** Questions of the plan without a row yet. */
export function remaining(run: StoredBenchRun): number {
  const done = new Set(run.rows.map((r) => r.id));
  return run.plan.filter((r) => !done.has(r.id)).length;
}

/** File name for an export: "r1ci-bench-2026-11-27T18-20.csv". */
export function exportName(run: StoredBenchRun, extension: 'csv' | 'json'): string {
  const stamp = run.info.startedAt.slice(0, 16).replace(/:/g, '-');
  return `r1ci-bench-${stamp}.${extension}`;
}
