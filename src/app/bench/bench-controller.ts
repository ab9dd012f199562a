import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ProtocolRecord } from '../../../models/protocol';
import { describeProblems, parseDataset, taskCounts } from '../../bench/dataset';
import { toCsv, toJsonExport } from '../../bench/export';
import { hasRecording, parseReplaySource, replayEngineFor, type ReplaySource } from '../../bench/replay-set';
import { estimateProgress, runBenchmark, type BenchProgress } from '../../bench/runner';
import type { BenchRecord } from '../../bench/scorers/types';
import { selectRecords } from '../../bench/selection';
import type { Engine } from '../../engines/engine';
import type { PythonRunner } from '../../python/runner';
import { exportName, type StoredBenchRun } from './bench-run';
import { BenchStore } from './bench-store';
import { DEMO_SET_NAME, loadDemoReplaySet } from './demo-replays';
import { downloadText } from '../download';

/** The loaded model, as the app root hands it to the view (null when none can run). */
export interface BenchModelSource {
  label: string;
  protocol: ProtocolRecord;
  getEngine(signal: AbortSignal): Promise<Engine>;
}

export interface BenchControllerDeps {
  /** The Python runner (started lazily; the view owns it). */
  python: () => PythonRunner & { start?(): Promise<unknown> };
  /** Protocol recordings run under (they are R1-CI sessions). */
  recordingProtocol: ProtocolRecord;
  /** The page's URL, to resolve the app's demo recordings against. */
  base: () => string;
  store?: Pick<BenchStore, 'load' | 'save' | 'clear'>;
}

export interface LoadedDataset {
  name: string;
  records: BenchRecord[];
  /** Lines that could not be used, in words (empty when all were fine). */
  problems: string;
}

export interface LoadedReplays {
  name: string;
  text: string;
  source: ReplaySource;
}

/** Delay between streamed pieces of a recording: small, so the run shows progress without crawling. */
const RECORDING_CHUNK_DELAY_MS = 3;

/**
 * The Benchmark view's state and work: loading a dataset (file or URL) and optionally a replay set,
 * choosing tasks and a sample, running the questions one by one through the shared runner, saving the run
 * after every question, pausing, resuming (also after a reload) and exporting.
 */
export class BenchController implements ReactiveController {
  dataset: LoadedDataset | null = null;
  replays: LoadedReplays | null = null;
  selectedTasks = new Set<string>();
  /** Questions per task; null = all. */
  sampleSize: number | null = 5;
  seed: number | null = 1;
  /** Which engine answers: the loaded model, or recordings. */
  mode: 'model' | 'recording' = 'recording';
  model: BenchModelSource | null = null;
  run: StoredBenchRun | null = null;
  running = false;
  /** True while the Python worker starts, before the first question. */
  preparing = false;
  loading: string | null = null;
  error: string | null = null;
  /** The question being asked and what it is doing. */
  current: { id: string; task: string; stage: 'generating' | 'running-python' } | null = null;
  private abort: AbortController | null = null;
  private readonly store: Pick<BenchStore, 'load' | 'save' | 'clear'>;

  constructor(private readonly host: ReactiveControllerHost, private readonly deps: BenchControllerDeps) {
    host.addController(this);
    this.store = deps.store ?? new BenchStore();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.abort?.abort();
  }

  /** Reads the kept run (after a reload it comes back paused). */
  async restore(): Promise<void> {
    try {
      this.run = await this.store.load();
    } catch (err) {
      this.error = `The saved benchmark run could not be read: ${messageOf(err)}`;
    }
    this.changed();
  }

  setModel(model: BenchModelSource | null): void {
    const had = this.model !== null;
    this.model = model;
    // First time a model is there: use it by default; without one, recordings are the only choice.
    if (model && !had) this.mode = 'model';
    if (!model) this.mode = 'recording';
  }

  async loadDatasetFile(file: File): Promise<void> {
    await this.loading_(`Reading ${file.name}…`, async () => this.useDataset(file.name, await file.text()));
  }

  async loadDatasetUrl(url: string): Promise<void> {
    await this.loading_(`Loading ${url}…`, async () => this.useDataset(url, await fetchText(url, this.deps.base())));
  }

  async loadReplaysFile(file: File): Promise<void> {
    await this.loading_(`Reading ${file.name}…`, async () => this.useReplays(file.name, await file.text()));
  }

  async loadReplaysUrl(url: string): Promise<void> {
    await this.loading_(`Loading ${url}…`, async () => this.useReplays(url, await fetchText(url, this.deps.base())));
  }

  private useDataset(name: string, text: string): void {
    const parsed = parseDataset(text, name);
    if (parsed.records.length === 0) throw new Error(`${name} holds no usable benchmark record. ${describeProblems(parsed.problems)}`.trim());
    this.dataset = { name, records: parsed.records, problems: describeProblems(parsed.problems) };
    this.selectedTasks = new Set(taskCounts(parsed.records).map((t) => t.task));
  }

  private useReplays(name: string, text: string): void {
    this.replays = { name, text, source: parseReplaySource(text, name) };
  }

  get tasks(): { task: string; count: number }[] {
    return this.dataset ? taskCounts(this.dataset.records) : [];
  }

  toggleTask(task: string, on: boolean): void {
    if (on) this.selectedTasks.add(task);
    else this.selectedTasks.delete(task);
    this.changed();
  }

  /** The questions a start would ask now (recordings: only those with a recording, once a set is loaded). */
  preview(): { plan: BenchRecord[]; excluded: number } {
    if (!this.dataset) return { plan: [], excluded: 0 };
    const replays = this.mode === 'recording' ? this.replays?.source : undefined;
    const { plan, excluded } = selectRecords(this.dataset.records, {
      tasks: [...this.selectedTasks].sort(),
      limitPerTask: this.sampleSize ?? undefined,
      seed: this.seed ?? undefined,
      include: replays ? (r) => hasRecording(replays, r.id) : undefined,
    });
    return { plan, excluded };
  }

  get progress(): BenchProgress | null {
    return this.run ? estimateProgress(this.run.rows, this.run.plan.length) : null;
  }

  /** Starts a new run from the current choices (replacing the kept one). */
  async start(): Promise<void> {
    if (this.running || !this.dataset) return;
    this.error = null;
    if (this.mode === 'recording' && !this.replays) {
      await this.loading_('Loading the demo recordings…', async () => this.useReplays(DEMO_SET_NAME, await loadDemoReplaySet(this.deps.base())));
      if (!this.replays) return;
    }
    const { plan } = this.preview();
    if (plan.length === 0) {
      this.error = this.mode === 'recording' ? `None of the chosen questions has a recording in ${this.replays!.name}.` : 'Choose at least one task.';
      return this.changed();
    }
    const recording = this.mode === 'recording';
    const engineLabel = recording ? `Recording: ${this.replays!.name}` : this.model!.label;
    this.run = {
      id: 'current',
      info: {
        dataset: this.dataset.name,
        engine: engineLabel,
        recording,
        tasks: [...new Set(plan.map((r) => r.task))],
        limitPerTask: this.sampleSize,
        seed: this.seed,
        planned: plan.length,
        startedAt: new Date().toISOString(),
      },
      plan,
      rows: [],
      engine: recording ? { kind: 'recording', name: this.replays!.name, text: this.replays!.text } : { kind: 'model', label: engineLabel },
      status: 'paused',
    };
    await this.go();
  }

  /** Continues the kept run where it stopped. */
  async resume(): Promise<void> {
    if (!this.running && this.run && this.run.status !== 'finished') await this.go();
  }

  /** Stops after dropping the question in progress (it is asked again on resume). */
  pause(): void {
    this.abort?.abort();
  }

  async discard(): Promise<void> {
    this.pause();
    this.run = null;
    this.changed();
    await this.store.clear().catch(() => {});
  }

  exportCsv(): void {
    if (this.run) downloadText(exportName(this.run, 'csv'), toCsv(this.run.rows), 'text/csv');
  }

  exportJson(): void {
    if (this.run) downloadText(exportName(this.run, 'json'), toJsonExport(this.run.info, this.run.rows, new Date()), 'application/json');
  }

  private async go(): Promise<void> {
    const run = this.run!;
    const model = this.model;
    if (run.engine.kind === 'model' && !model) {
      run.message = 'This run uses the model: load it first, then resume.';
      return this.changed();
    }
    const abort = (this.abort = new AbortController());
    this.running = true;
    run.status = 'running';
    run.message = undefined;
    this.changed();
    await this.save(run);
    const python = this.deps.python();
    try {
      // Python starts before the first question, so its start-up is not counted as that question's time.
      // A runtime that cannot start is reported by the first code block, in the loop's words.
      this.preparing = true;
      this.changed();
      await python.start?.().catch(() => {});
      this.preparing = false;
      const replays = run.engine.kind === 'recording' ? parseReplaySource(run.engine.text, run.engine.name) : null;
      const result = await runBenchmark({
        plan: run.plan,
        previous: run.rows,
        python,
        protocol: replays ? this.deps.recordingProtocol : model!.protocol,
        signal: abort.signal,
        engineFor: (record, signal) =>
          replays ? replayEngineFor(replays, record.id, { chunkDelayMs: RECORDING_CHUNK_DELAY_MS, seed: 7 }) : model!.getEngine(signal ?? abort.signal),
        onQuestionStart: (record) => {
          this.current = { id: record.id, task: record.task, stage: 'generating' };
          this.changed();
        },
        onEvent: (_record, event) => {
          if (!this.current) return;
          const stage = event.type === 'exec-start' ? 'running-python' : event.type === 'exec-end' || event.type === 'round-start' ? 'generating' : null;
          if (stage && stage !== this.current.stage) {
            this.current = { ...this.current, stage };
            this.changed();
          }
        },
        onResult: async (row) => {
          run.rows = [...run.rows, row];
          this.changed();
          await this.save(run);
        },
      });
      if (result.ending.status === 'finished') run.status = 'finished';
      else if (result.ending.status === 'aborted') run.status = 'paused';
      else {
        run.status = 'error';
        run.message = `Stopped at ${result.ending.id}: ${result.ending.error.message} Resume to try again.`;
      }
    } catch (err) {
      run.status = 'error';
      run.message = messageOf(err);
    } finally {
      if (this.abort === abort) this.abort = null;
      this.running = false;
      this.preparing = false;
      this.current = null;
      await this.save(run);
      this.changed();
    }
  }

  private async save(run: StoredBenchRun): Promise<void> {
    try {
      await this.store.save(run);
    } catch (err) {
      this.error = `The run could not be saved (it will not survive a reload): ${messageOf(err)}`;
    }
  }

  private async loading_(what: string, work: () => Promise<void>): Promise<void> {
    this.loading = what;
    this.error = null;
    this.changed();
    try {
      await work();
    } catch (err) {
      this.error = messageOf(err);
    } finally {
      this.loading = null;
      this.changed();
    }
  }

  private changed(): void {
    this.host.requestUpdate();
  }
}

async function fetchText(url: string, base: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(new URL(url, base), { credentials: 'same-origin' });
  } catch {
    throw new Error(`${url} could not be fetched (offline, or the server does not allow this page to read it).`);
  }
  if (!response.ok) throw new Error(`${url} could not be loaded (${response.status} ${response.statusText || 'error'}).`);
  return response.text();
}

function messageOf(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}
