import type { BenchRecord } from '../../../../src/bench/scorers/types';

/**
 * How to write a right answer to a task's question and how to break it.
 * `gold` returns the text to put between `<<<` and `>>>`, written the way the question asks.
 * `perturb` returns wrong answers (a wrong cell, a swapped pair, a missing item, a broken rule...).
 * `exceptions` lists records whose stored data cannot yield a right answer, with the reason; the test
 * checks that each listed record really is marked wrong, so the list cannot go stale silently.
 */
export interface GoldSpec {
  gold(record: BenchRecord): string;
  perturb(record: BenchRecord): string[];
  exceptions?: Record<string, string>;
}
