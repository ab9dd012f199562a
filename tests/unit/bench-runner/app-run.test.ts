import { describe, expect, it } from 'vitest';
import { exportName, remaining, restoreRun, type StoredBenchRun } from '../../../src/app/bench/bench-run';

const run: StoredBenchRun = {
  id: 'current',
  info: { dataset: 'd.jsonl', engine: 'Recording: x', recording: true, tasks: ['a'], limitPerTask: 2, seed: 1, planned: 2, startedAt: '2026-11-27T18:20:05.000Z' },
  plan: [
    { id: 'a/1', task: 'a', question: 'q1', solution: 1 },
    { id: 'a/2', task: 'a', question: 'q2', solution: 2 },
  ],
  rows: [{ id: 'a/1' } as StoredBenchRun['rows'][number]],
  engine: { kind: 'recording', name: 'x', text: '{"rounds": ["<<<1>>>"]}' },
  status: 'running',
};

describe('the Benchmark view\'s kept run', () => {
  it('a run that was running when the page went away comes back paused, saying why', () => {
    const restored = restoreRun(structuredClone(run))!;
    expect(restored.status).toBe('paused');
    expect(restored.message).toMatch(/reloaded during the run/);
    expect(restored.rows).toEqual(run.rows);
    expect(remaining(restored)).toBe(1);
  });

  it('finished and paused runs come back as they were', () => {
    expect(restoreRun({ ...run, status: 'finished' })).toEqual({ ...run, status: 'finished' });
  });

  it('unreadable records are dropped, not trusted', () => {
    expect(restoreRun(undefined)).toBeNull();
    expect(restoreRun({ ...run, id: 'other' })).toBeNull();
    expect(restoreRun({ ...run, plan: 'x' })).toBeNull();
    expect(restoreRun({ ...run, engine: { kind: 'recording' } })).toBeNull();
    expect(restoreRun({ ...run, engine: { kind: 'webgpu' } })).toBeNull();
  });

  it('export names carry the start time', () => {
    expect(exportName(run, 'csv')).toBe('r1ci-bench-2026-11-27T18-20.csv');
  });
});
