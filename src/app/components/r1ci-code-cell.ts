import { LitElement, css, html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { MAX_HIGHLIGHT_CHARS, highlightPython } from '../render/highlight';
import { collapse } from '../render/output';
import type { CodeRunStatus, OutputChunk } from '../state/session';
import { formatDuration } from '../state/stats';
import { sharedStyles } from '../styles';

/** Where a code block is in its life, as the cell shows it. */
export type CellState = 'writing' | 'waiting' | 'not-run' | CodeRunStatus;

const STATE_WORDS: Record<CellState, string> = {
  writing: 'being written…',
  waiting: 'waiting to run',
  'not-run': 'not run',
  running: 'running…',
  ok: 'ran',
  error: 'raised an error',
  timeout: 'stopped at the time limit',
  aborted: 'stopped',
  crashed: 'Python crashed',
};


/**
 * One fenced code block: highlighted code (highlight.js escapes it; see render/highlight.ts), its run
 * state and time, and its output with stdout and stderr styled apart, long output collapsed.
 * Output is always set as text, never as HTML.
 */
export class R1ciCodeCell extends LitElement {
  static override properties = {
    code: { type: String },
    language: { type: String },
    state: { type: String },
    durationMs: { type: Number },
    output: { attribute: false },
    /** Total characters of output so far: output is mutated in place, this tells the cell it grew. */
    outputChars: { type: Number },
    /** Characters the runner counted but did not keep. */
    droppedChars: { type: Number },
    startedAt: { type: Number },
    /** The results text the model was shown after this block (prefix included), when it ran. */
    resultText: { type: String },
    _expanded: { state: true },
    _copied: { state: true },
    _now: { state: true },
  };
  declare code: string;
  declare language: string;
  declare state: CellState;
  declare durationMs: number | undefined;
  declare output: OutputChunk[];
  declare outputChars: number;
  declare droppedChars: number;
  declare startedAt: number | undefined;
  declare resultText: string | undefined;
  declare _expanded: boolean;
  declare _copied: boolean;
  declare _now: number;
  private ticker: ReturnType<typeof setInterval> | null = null;

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; border: 1px solid var(--border); border-radius: 8px; overflow: hidden; background: var(--surface); }
      header { display: flex; gap: 0.6rem; align-items: center; padding: 0.3rem 0.6rem; font-size: 0.8rem; background: var(--surface-2); border-bottom: 1px solid var(--border); }
      .lang { font-weight: 600; font-family: var(--mono); }
      .state { margin-left: auto; }
      .state.error, .state.crashed, .state.timeout { color: var(--danger); }
      .state.running, .state.writing { color: var(--accent); }
      pre { margin: 0; padding: 0.6rem; overflow-x: auto; font-family: var(--mono); font-size: 0.85rem; line-height: 1.45; background: var(--code-bg); }
      .output { border-top: 1px dashed var(--border); }
      .output-label { font-size: 0.75rem; padding: 0.25rem 0.6rem 0; color: var(--muted); }
      .output pre { background: var(--surface); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 28rem; overflow-y: auto; }
      .stderr { color: var(--danger); }
      .more { padding: 0.3rem 0.6rem 0.5rem; }
      .copy { font-size: 0.75rem; }
      .seen { border-top: 1px dashed var(--border); font-size: 0.75rem; padding: 0.25rem 0.6rem; color: var(--muted); }
      .seen summary { cursor: pointer; }
      .seen pre { background: var(--surface); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 16rem; overflow-y: auto; padding: 0.3rem 0; font-size: 0.8rem; color: var(--text); }
      .hljs-keyword, .hljs-built_in { color: var(--hl-keyword); }
      .hljs-string { color: var(--hl-string); }
      .hljs-number, .hljs-literal { color: var(--hl-number); }
      .hljs-comment { color: var(--muted); font-style: italic; }
      .hljs-title, .hljs-function { color: var(--hl-title); }
    `,
  ];

  constructor() {
    super();
    this.code = '';
    this.language = 'python';
    this.state = 'writing';
    this.durationMs = undefined;
    this.output = [];
    this.outputChars = 0;
    this.droppedChars = 0;
    this.startedAt = undefined;
    this.resultText = undefined;
    this._expanded = false;
    this._copied = false;
    this._now = Date.now();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker();
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // The clock is read when the run starts too, not only on the next tick: else the first frame of a
    // cell created before its run started shows a negative time.
    if (changed.has('startedAt') || changed.has('state')) this._now = Date.now();
  }

  override updated(): void {
    // A running cell shows its elapsed time; tick only while it runs.
    if (this.state === 'running' && !this.ticker) this.ticker = setInterval(() => (this._now = Date.now()), 250);
    if (this.state !== 'running') this.stopTicker();
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }

  override render() {
    const python = this.language === 'python' || this.language === 'py' || this.language === '';
    const highlighted = python && this.code.length <= MAX_HIGHLIGHT_CHARS;
    const elapsed = this.state === 'running' && this.startedAt ? Math.max(0, this._now - this.startedAt) : this.durationMs;
    return html`
      <header>
        <span class="lang">${this.language || 'code'}</span>
        <button class="copy link" aria-label="Copy the code" @click=${this.copyCode}>${this._copied ? 'Copied' : 'Copy'}</button>
        <span class="state ${this.state}" role="status">${STATE_WORDS[this.state] ?? this.state}${elapsed !== undefined ? html` · <span class="time">${formatDuration(elapsed)}</span>` : nothing}</span>
      </header>
      <pre aria-label="${this.language || 'code'} code"><code>${highlighted ? unsafeHTML(highlightPython(this.code)) : this.code}</code></pre>
      ${this.renderOutput()}
      ${this.resultText
        ? html`<details class="seen"><summary>What the model was shown</summary><pre>${this.resultText}</pre></details>`
        : nothing}
    `;
  }

  private async copyCode(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.code);
      this._copied = true;
      setTimeout(() => (this._copied = false), 1500);
    } catch {
      /* clipboard refused: the code stays selectable */
    }
  }

  private renderOutput() {
    const hasRun = !['writing', 'waiting', 'not-run'].includes(this.state);
    if (!hasRun) return nothing;
    if (this.outputChars === 0 && this.output.length === 0) {
      return this.state === 'running' ? nothing : html`<div class="output"><div class="output-label">Output</div><pre class="empty muted">(no output)</pre></div>`;
    }
    const { chunks, hidden } = this._expanded ? { chunks: this.output, hidden: 0 } : collapse(this.output);
    return html`
      <div class="output">
        <div class="output-label">Output</div>
        <pre aria-label="Python output">${chunks.map((c) => html`<span class=${c.stream}>${c.text}</span>`)}</pre>
        ${hidden > 0 || this._expanded || this.droppedChars > 0
          ? html`<div class="more">
              ${hidden > 0 ? html`<button class="link" @click=${() => (this._expanded = true)}>Show all output (${hidden.toLocaleString()} more characters)</button>` : nothing}
              ${this._expanded ? html`<button class="link" @click=${() => (this._expanded = false)}>Show less</button>` : nothing}
              ${this.droppedChars > 0 ? html`<span class="muted">${this.droppedChars.toLocaleString()} further characters were not kept.</span>` : nothing}
            </div>`
          : nothing}
      </div>
    `;
  }
}

customElements.define('r1ci-code-cell', R1ciCodeCell);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-code-cell': R1ciCodeCell;
  }
}
