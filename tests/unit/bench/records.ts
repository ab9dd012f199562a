/**
 * Reads SymBench records from the shared benchmark folder next to the repository (`../shared/benchmark`),
 * never from a copy inside it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchRecord } from '../../../src/bench/scorers/types';

export const BENCHMARK_DIR = fileURLToPath(new URL('../../../../shared/benchmark/symbench/', import.meta.url));

export function taskFile(task: string): string {
  return BENCHMARK_DIR + task + '.jsonl';
}

export function hasBenchmark(task: string): boolean {
  return existsSync(taskFile(task));
}

export function loadRecords(task: string): BenchRecord[] {
  return readFileSync(taskFile(task), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as BenchRecord);
}

/** Reads a field of a record's solution with a type the caller asserts (tests only). */
export function sol<T>(record: BenchRecord, name: string): T {
  return (record.solution as Record<string, unknown>)[name] as T;
}
