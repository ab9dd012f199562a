import { LitElement, css, html, nothing } from 'lit';
import { R1CI_3B } from '../../../models/r1ci.protocol';
import { formatTimeLeft } from '../../bench/runner';
import { summarizeRows } from '../../bench/summary';
import { PythonClient } from '../../clients/python-client';
import { BenchController, type BenchModelSource } from '../bench/bench-controller';
import { remaining } from '../bench/bench-run';
import { DEMO_SET_NAME } from '../bench/demo-replays';
import { sharedStyles } from '../styles';
import './r1ci-benchmark-chart';
import './r1ci-benchmark-table';

/**
 * The Benchmark view (`?view=benchmark`): load SymBench questions (a file or a URL), choose tasks and a
 * sample, run them one by one with the loaded model (or, without one, recordings from a replay set, said
 * plainly) and the live Python worker; a table and a chart fill in as questions finish; pause, resume
 * (also after a reload: the run is kept in IndexedDB) and export as CSV or JSON. `&data=URL` and
 * `&replays=URL` in the address load a dataset and a replay set at once (for links to hosted data).
 *
 * Everything from a benchmark or replay file is untrusted and rendered as text (Lit text bindings).
 */
export class R1ciBenchmarkView extends LitElement {
  static override properties = {
    model: { attribute: false },
    _datasetUrl: { state: true },
    _replaysUrl: { state: true },
  };
  /** The loaded model, when one can run (set by the app root). */
  declare model: BenchModelSource | null;
  declare _datasetUrl: string;
  declare _replaysUrl: string;

  private python: PythonClient | null = null;
  private readonly bench: BenchController;

  static override styles = [
    sharedStyles,
    css`
      /* In the app root's flex column: never wider than the page (tables scroll inside their boxes). */
      :host { display: block; min-width: 0; width: 100%; max-width: 980px; margin: 0 auto; padding: 1rem; color: var(--text); }
      header { display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
      h1 { font-size: 1.3rem; margin: 0; }
      h2 { font-size: 1rem; margin: 0 0 0.5rem; }
      section { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 0.75rem 1rem; margin: 0.75rem 0; }
      .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.35rem 0; }
      input[type='text'] { flex: 1 1 16rem; min-width: 0; }
      input, select { font: inherit; font-size: 0.9rem; padding: 0.25rem 0.4rem; border: 1px solid var(--border); border-radius: 6px; background: var(--bg, transparent); color: var(--text); }
      input[type='number'] { width: 6rem; }
      .tasks { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.15rem 1rem; font-size: 0.9rem; }
      .tasks label { overflow-wrap: anywhere; }
      .error { color: var(--danger); }
      .note { font-size: 0.85rem; }
      progress { width: 100%; height: 0.8rem; }
      .results { display: flex; flex-direction: column; gap: 1rem; margin-top: 0.5rem; }
      /* Flex items would grow to their content; the tables scroll inside their own boxes instead. */
      .results > *, section { min-width: 0; }
      .scroll-x { overflow-x: auto; }
      details { margin-top: 0.5rem; }
      .questions { width: 100%; border-collapse: collapse; font-size: 0.85rem; }
      .questions td, .questions th { border-bottom: 1px solid var(--border); padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
      .questions td.answer { font-family: var(--mono); overflow-wrap: anywhere; max-width: 22rem; }
      .ok { color: var(--ok); }
      .bad { color: var(--danger); }
    `,
  ];

  constructor() {
    super();
    this.model = null;
    this._datasetUrl = '';
    this._replaysUrl = '';
    this.bench = new BenchController(this, {
      python: () => (this.python ??= new PythonClient()),
      recordingProtocol: R1CI_3B,
      base: () => location.href,
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.bench.restore();
    // A shareable link may name the questions and the recordings: ?view=benchmark&data=URL&replays=URL.
    const params = new URLSearchParams(location.search);
    const data = params.get('data');
    const replays = params.get('replays');
    if (data) {
      this._datasetUrl = data;
      void this.bench.loadDatasetUrl(data);
    }
    if (replays) {
      this._replaysUrl = replays;
      void this.bench.loadReplaysUrl(replays);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.python?.close();
    this.python = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('model')) this.bench.setModel(this.model);
  }

  override render() {
    const b = this.bench;
    return html`
      <header>
        <h1>Benchmark</h1>
        <a href="./">Back to questions</a>
      </header>
      <p class="muted note">Measure the model's accuracy on SymBench questions here, task by task, and compare it with the paper.
        The questions, answers and results stay on this machine.</p>
      ${b.error ? html`<p class="error" role="alert" data-testid="bench-error">${b.error}</p>` : nothing}
      ${b.loading ? html`<p class="muted" role="status">${b.loading}</p>` : nothing}
      ${this.renderRun()}
      ${b.running ? nothing : this.renderSetup()}
    `;
  }

  private renderSetup() {
    const b = this.bench;
    const ds = b.dataset;
    const preview = b.preview();
    return html`
      <section aria-labelledby="data-h">
        <h2 id="data-h">1. Questions</h2>
        <div class="row">
          <label>JSONL file <input type="file" accept=".jsonl,.json,.txt,application/jsonl" data-testid="bench-file" @change=${this.onDatasetFile} /></label>
        </div>
        <form class="row" @submit=${this.onDatasetUrl}>
          <label for="ds-url">or a URL</label>
          <input id="ds-url" type="text" inputmode="url" placeholder="https://…/game24.jsonl or a path beside this app" .value=${this._datasetUrl} @input=${(e: Event) => (this._datasetUrl = (e.target as HTMLInputElement).value)} data-testid="bench-url" />
          <button type="submit" ?disabled=${!this._datasetUrl.trim()}>Load</button>
        </form>
        ${ds
          ? html`<p class="note" data-testid="bench-dataset">${ds.name}: ${ds.records.length} question${ds.records.length === 1 ? '' : 's'} in ${b.tasks.length} task${b.tasks.length === 1 ? '' : 's'}.
              ${ds.problems ? html`<span class="error">${ds.problems}</span>` : nothing}</p>`
          : html`<p class="muted note">One SymBench record per line: {"id", "task", "question", "solution"}.</p>`}
      </section>
      ${ds ? this.renderChoices(preview.plan.length, preview.excluded) : nothing}
    `;
  }

  private renderChoices(planned: number, excluded: number) {
    const b = this.bench;
    const recording = b.mode === 'recording';
    return html`
      <section aria-labelledby="tasks-h">
        <h2 id="tasks-h">2. Tasks and sample</h2>
        <div class="tasks" data-testid="bench-tasks">
          ${b.tasks.map(
            (t) => html`<label><input type="checkbox" .checked=${b.selectedTasks.has(t.task)} @change=${(e: Event) => b.toggleTask(t.task, (e.target as HTMLInputElement).checked)} />
              ${t.task} <span class="muted">(${t.count})</span></label>`,
          )}
        </div>
        <div class="row">
          <label>Questions per task <input type="number" min="1" step="1" placeholder="all" .value=${b.sampleSize === null ? '' : String(b.sampleSize)} @change=${this.onSampleSize} data-testid="bench-sample" /></label>
          <label>Seed <input type="number" min="0" step="1" placeholder="file order" .value=${b.seed === null ? '' : String(b.seed)} @change=${this.onSeed} data-testid="bench-seed" /></label>
          <span class="muted note">The same seed picks the same questions; no seed takes each task's first ones.</span>
        </div>
      </section>
      <section aria-labelledby="engine-h">
        <h2 id="engine-h">3. Who answers</h2>
        <div class="row">
          <label><input type="radio" name="mode" .checked=${!recording} ?disabled=${!b.model} @change=${() => this.setMode('model')} />
            ${b.model ? html`The loaded model: ${b.model.label}` : html`The model <span class="muted">(not loaded: download and load it on the main page first)</span>`}</label>
        </div>
        <div class="row">
          <label><input type="radio" name="mode" .checked=${recording} @change=${() => this.setMode('recording')} data-testid="bench-mode-recording" />
            Recordings <span class="badge recording">recorded answers, not a live model</span></label>
        </div>
        ${recording
          ? html`<div class="row note">
                <span>Replay set: <strong data-testid="bench-replays">${b.replays?.name ?? DEMO_SET_NAME}</strong></span>
                <label>pick one <input type="file" accept=".jsonl,.json" @change=${this.onReplaysFile} data-testid="bench-replays-file" /></label>
              </div>
              <form class="row" @submit=${this.onReplaysUrl}>
                <label for="rp-url">or a URL</label>
                <input id="rp-url" type="text" inputmode="url" .value=${this._replaysUrl} @input=${(e: Event) => (this._replaysUrl = (e.target as HTMLInputElement).value)} data-testid="bench-replays-url" />
                <button type="submit" ?disabled=${!this._replaysUrl.trim()}>Load</button>
              </form>
              <p class="muted note">A replay set holds one recorded answer per question ({"id", "rounds"} per line); questions without one are left out. The Python in each recording really runs here.</p>`
          : nothing}
      </section>
      <section>
        <div class="row">
          <button class="primary" data-testid="bench-start" ?disabled=${b.loading !== null || b.selectedTasks.size === 0 || (!recording && !b.model)} @click=${() => void b.start()}>
            ${b.run && b.run.status !== 'finished' ? 'Start a new run' : 'Run'} ${recording && !b.replays ? '' : `${planned} question${planned === 1 ? '' : 's'}`}
          </button>
          ${excluded > 0 ? html`<span class="muted note">${excluded} chosen question${excluded === 1 ? ' has' : 's have'} no recording and ${excluded === 1 ? 'is' : 'are'} left out.</span>` : nothing}
          ${b.run && b.run.status !== 'finished' ? html`<span class="muted note">Starting a new run replaces the kept one.</span>` : nothing}
        </div>
      </section>
    `;
  }

  private renderRun() {
    const b = this.bench;
    const run = b.run;
    if (!run) return nothing;
    const progress = b.progress!;
    const summary = summarizeRows(run.rows);
    const left = remaining(run);
    const status = b.running
      ? `Running: ${progress.done} of ${progress.total} done${progress.remainingMs !== null ? `, ${formatTimeLeft(progress.remainingMs)}` : ''}.`
      : run.status === 'finished'
        ? `Finished: ${progress.done} of ${progress.total} questions.`
        : run.status === 'error'
          ? `Stopped after ${progress.done} of ${progress.total} questions.`
          : `Paused: ${progress.done} of ${progress.total} done, ${left} to go.`;
    return html`
      <section aria-labelledby="run-h" data-testid="bench-run">
        <h2 id="run-h">Run</h2>
        <p class="note">
          ${run.info.recording ? html`<span class="badge recording" data-testid="bench-recording-badge">Recording</span>` : nothing}
          <span>${run.info.engine}</span> · <span class="muted">${run.info.dataset}</span>
        </p>
        <progress max=${progress.total} .value=${progress.done} aria-label="Questions done"></progress>
        <p role="status" data-testid="bench-progress">${status}
          ${b.preparing ? html`<span class="muted">Starting Python…</span>` : nothing}
          ${b.current ? html`<span class="muted">Now: ${b.current.id} (${b.current.stage === 'running-python' ? 'running Python' : 'generating'}).</span>` : nothing}</p>
        ${run.message ? html`<p class=${run.status === 'error' ? 'error' : 'muted'} data-testid="bench-run-message">${run.message}</p>` : nothing}
        <div class="row">
          ${b.running
            ? html`<button data-testid="bench-pause" @click=${() => b.pause()}>Pause</button>`
            : run.status !== 'finished'
              ? html`<button class="primary" data-testid="bench-resume" ?disabled=${run.engine.kind === 'model' && !b.model} @click=${() => void b.resume()}>Resume</button>`
              : nothing}
          <button data-testid="bench-export-csv" ?disabled=${run.rows.length === 0} @click=${() => b.exportCsv()} aria-label="Export the results as a CSV file">Export CSV</button>
          <button data-testid="bench-export-json" ?disabled=${run.rows.length === 0} @click=${() => b.exportJson()} aria-label="Export the results as a JSON file">Export JSON</button>
          ${b.running ? nothing : html`<button class="danger" @click=${() => void b.discard()}>Discard</button>`}
        </div>
        <div class="results">
          <r1ci-benchmark-table .summary=${summary}></r1ci-benchmark-table>
          <r1ci-benchmark-chart .summary=${summary}></r1ci-benchmark-chart>
        </div>
        ${run.rows.length > 0
          ? html`<details>
              <summary>Questions (${run.rows.length})</summary>
              <div class="scroll-x"><table class="questions" data-testid="bench-questions">
                <thead><tr><th>Question</th><th>Result</th><th>Answer</th><th>Code calls</th><th>Time</th></tr></thead>
                <tbody>
                  ${run.rows.map(
                    (r) => html`<tr>
                      <td>${r.id}</td>
                      <td class=${r.correct ? 'ok' : 'bad'} title=${r.reason ?? ''}>${r.correct ? 'correct' : r.extracted === null ? 'no answer' : 'wrong'}
                        ${r.reason?.startsWith('no scorer') ? html`<span class="muted">(no scorer for this task)</span>` : nothing}</td>
                      <td class="answer">${r.extracted ?? ''}</td>
                      <td>${r.codeCalls}</td>
                      <td>${(r.elapsedMs / 1000).toFixed(1)} s</td>
                    </tr>`,
                  )}
                </tbody>
              </table></div>
            </details>`
          : nothing}
      </section>
    `;
  }

  private setMode(mode: 'model' | 'recording'): void {
    this.bench.mode = mode;
    this.requestUpdate();
  }

  private readonly onDatasetFile = (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void this.bench.loadDatasetFile(file);
  };

  private readonly onDatasetUrl = (e: Event) => {
    e.preventDefault();
    void this.bench.loadDatasetUrl(this._datasetUrl.trim());
  };

  private readonly onReplaysFile = (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void this.bench.loadReplaysFile(file);
  };

  private readonly onReplaysUrl = (e: Event) => {
    e.preventDefault();
    void this.bench.loadReplaysUrl(this._replaysUrl.trim());
  };

  private readonly onSampleSize = (e: Event) => {
    const value = (e.target as HTMLInputElement).value.trim();
    const n = Number(value);
    this.bench.sampleSize = value === '' || !Number.isInteger(n) || n < 1 ? null : n;
    this.requestUpdate();
  };

  private readonly onSeed = (e: Event) => {
    const value = (e.target as HTMLInputElement).value.trim();
    const n = Number(value);
    this.bench.seed = value === '' || !Number.isInteger(n) || n < 0 ? null : n;
    this.requestUpdate();
  };
}

customElements.define('r1ci-benchmark-view', R1ciBenchmarkView);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-benchmark-view': R1ciBenchmarkView;
  }
}
