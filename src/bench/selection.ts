/**
 * Which questions a benchmark run asks, and in what order. Pure and deterministic: the same dataset and
 * options always give the same plan, which is what lets a rerun with the same options resume.
 *
 * - `tasks`: only these tasks (default: every task in the dataset).
 * - `limitPerTask`: at most N questions of EACH task. Per task, not overall, because the paper's figure is
 *   the mean of per-task accuracies: every task should get the same number of questions.
 * - `seed`: without one, each task's first N questions in file order; with one, a seeded shuffle of each
 *   task's questions, then the first N (a reproducible random sample).
 * - Run order interleaves tasks (the first question of every task, then the second of every task, ...),
 *   so an interrupted or paused run already covers every task.
 * - `include`: questions it rejects are left out before sampling (e.g. those a replay set has no recording for).
 */
import type { BenchRecord } from './scorers/types';

export interface SelectionOptions {
  tasks?: readonly string[];
  limitPerTask?: number;
  seed?: number;
  include?: (record: BenchRecord) => boolean;
}

export interface Selection {
  /** The questions to ask, in run order. */
  plan: BenchRecord[];
  /** Requested tasks the dataset does not hold. */
  unknownTasks: string[];
  /** Questions dropped by `include`. */
  excluded: number;
}

export function selectRecords(records: readonly BenchRecord[], options: SelectionOptions = {}): Selection {
  const wanted = options.tasks && options.tasks.length > 0 ? new Set(options.tasks) : null;
  const byTask = new Map<string, BenchRecord[]>();
  let excluded = 0;
  for (const record of records) {
    if (wanted && !wanted.has(record.task)) continue;
    if (options.include && !options.include(record)) {
      excluded++;
      continue;
    }
    const list = byTask.get(record.task) ?? [];
    list.push(record);
    byTask.set(record.task, list);
  }
  const present = new Set(records.map((r) => r.task));
  const unknownTasks = wanted ? [...wanted].filter((t) => !present.has(t)) : [];
  // Tasks in the order asked for (or sorted by name), so the interleaving does not depend on file order.
  const taskOrder = wanted ? [...wanted].filter((t) => byTask.has(t)) : [...byTask.keys()].sort();
  const perTask = taskOrder.map((task) => {
    let list = byTask.get(task)!;
    if (options.seed !== undefined) list = seededShuffle(list, seedFor(options.seed, task));
    return options.limitPerTask !== undefined ? list.slice(0, options.limitPerTask) : list;
  });
  return { plan: interleave(perTask), unknownTasks, excluded };
}

/** [[a1,a2],[b1]] -> [a1,b1,a2]. */
export function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
  return out;
}

/** A copy of `items` in a seeded random order (Fisher-Yates over mulberry32). */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Each task gets its own stream from the one seed, so adding a task does not reshuffle the others. */
function seedFor(seed: number, task: string): number {
  let h = (seed | 0) ^ 0x811c9dc5;
  for (let i = 0; i < task.length; i++) h = Math.imul(h ^ task.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
