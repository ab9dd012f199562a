import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { R1CI_3B } from '../../../models/r1ci.protocol';
import { BenchController, type BenchModelSource } from '../../../src/app/bench/bench-controller';
import { restoreRun, type StoredBenchRun } from '../../../src/app/bench/bench-run';
import type { Engine, GenerateRequest } from '../../../src/engines/engine';
import { FakePython, MINI_DATA, MINI_REPLAYS } from './helpers';

/** An in-memory stand-in for IndexedDB that keeps a copy of each save and reads back as BenchStore does. */
class MemoryStore {
  saved: StoredBenchRun | null = null;
  saves = 0;
  async load() {
    return restoreRun(structuredClone(this.saved));
  }
  async save(run: StoredBenchRun) {
    this.saves++;
    this.saved = structuredClone(run);
  }
  async clear() {
    this.saved = null;
  }
}

function controller(store = new MemoryStore()) {
  const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
  const bench = new BenchController(host, { python: () => new FakePython(), recordingProtocol: R1CI_3B, base: () => 'http://localhost/', store });
  return { bench, store };
}

const file = (path: string) => new File([readFileSync(path, 'utf8')], path.split('/').pop()!);

/** A live model double: answers "<<<5>>>" to everything, and can be told to wait for a release. */
function liveModel(protocolSeen: number[], hold?: Promise<void>): BenchModelSource {
  const engine: Engine = {
    kind: 'webllm',
    label: 'R1-CI-3B test double',
    isRecording: false,
    async generate(request: GenerateRequest) {
      protocolSeen.push(request.maxTokens);
      if (hold) await hold;
      request.onText('I count.\n\n<<<5>>>');
      return { finish: 'eos', usage: { completionTokens: 6, promptTokens: 200, decodeMs: 100 } };
    },
  };
  return { label: 'R1-CI-3B test double', protocol: { ...R1CI_3B, maxNewTokens: 777 }, getEngine: async () => engine };
}

describe('BenchController (the Benchmark view\'s state)', () => {
  it('recordings: a dataset file and a replay-set file give a run that is saved after every question', async () => {
    const { bench, store } = controller();
    await bench.loadDatasetFile(file(MINI_DATA));
    expect(bench.tasks).toHaveLength(8);
    await bench.loadReplaysFile(file(MINI_REPLAYS));
    bench.sampleSize = null;
    expect(bench.preview()).toMatchObject({ excluded: 4 });
    await bench.start();
    expect(bench.run!.status).toBe('finished');
    expect(bench.run!.rows).toHaveLength(7);
    expect(bench.run!.info).toMatchObject({ engine: 'Recording: mini.replays.jsonl', recording: true, planned: 7, dataset: 'symbench-mini.jsonl' });
    expect(store.saved!.rows).toHaveLength(7);
    expect(store.saves).toBeGreaterThanOrEqual(8); // start, each question, end
    expect(bench.progress).toEqual({ done: 7, total: 7, remainingMs: 0 });
  });

  it('the loaded model: its engine and its protocol answer; the row says which model', async () => {
    const { bench } = controller();
    const budgets: number[] = [];
    bench.setModel(liveModel(budgets));
    expect(bench.mode).toBe('model');
    await bench.loadDatasetFile(file(MINI_DATA));
    bench.selectedTasks = new Set(['statistical_counting', 'pooling']);
    bench.sampleSize = 1;
    await bench.start();
    expect(bench.run!.rows.map((r) => [r.id, r.correct])).toEqual([['pooling/2', false], ['statistical_counting/3', true]]);
    expect(bench.run!.rows[0]).toMatchObject({ engine: 'R1-CI-3B test double', recording: false, tokensPerSecond: 60, promptTokens: 200 });
    expect(budgets).toEqual([777, 777]);
    expect(bench.run!.engine).toEqual({ kind: 'model', label: 'R1-CI-3B test double' });
  });

  it('pause drops the question in progress; a reload (new controller, same store) resumes without redoing finished ones', async () => {
    const store = new MemoryStore();
    const first = controller(store).bench;
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const asked: number[] = [];
    first.setModel(liveModel(asked, hold));
    await first.loadDatasetFile(file(MINI_DATA));
    first.sampleSize = null;
    const running = first.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(first.running).toBe(true);
    expect(first.current?.id).toBe('eight_queens/2');
    first.pause();
    release();
    await running;
    expect(first.run!.status).toBe('paused');
    expect(first.run!.rows).toHaveLength(0);

    // As after a reload: the stored run comes back; a run saved while "running" would come back paused.
    store.saved = { ...store.saved!, status: 'running' };
    const second = controller(store).bench;
    await second.restore();
    expect(second.run!.status).toBe('paused');
    expect(second.run!.message).toMatch(/reloaded/);
    // Without the model the run cannot resume, and says so.
    await second.resume();
    expect(second.run!.message).toBe('This run uses the model: load it first, then resume.');
    second.setModel(liveModel([]));
    await second.resume();
    expect(second.run!.status).toBe('finished');
    expect(second.run!.rows).toHaveLength(11);
    expect(new Set(second.run!.rows.map((r) => r.id)).size).toBe(11);
  });

  it('a failing engine stops the run with its message and a way on', async () => {
    const { bench } = controller();
    bench.setModel({ label: 'broken', protocol: R1CI_3B, getEngine: async () => { throw Object.assign(new Error('The model could not be loaded: out of GPU memory.'), { name: 'EngineError' }); } });
    await bench.loadDatasetFile(file(MINI_DATA));
    await bench.start();
    expect(bench.run!.status).toBe('error');
    expect(bench.run!.message).toBe('Stopped at eight_queens/2: The model could not be loaded: out of GPU memory. Resume to try again.');
  });

  it('a dataset without a usable record is refused with the reason', async () => {
    const { bench } = controller();
    await bench.loadDatasetFile(new File(['{"id": 1}\n'], 'bad.jsonl'));
    expect(bench.dataset).toBeNull();
    expect(bench.error).toMatch(/^bad\.jsonl holds no usable benchmark record\. 1 line could not be used: bad\.jsonl line 1: record 1: "task" must be a non-empty string$/);
  });
});
