import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { RunStage } from '../controllers/session-controller';
import { downloadText } from '../download';
import { exportFileName, sessionToJson, sessionToMarkdown, statusWords } from '../state/export';
import type { Session, SessionRound } from '../state/session';
import { sessionStats } from '../state/stats';
import { isRunnable, splitSegments } from '../render/segments';
import { sharedStyles } from '../styles';
import type { CellState } from './r1ci-code-cell';
import './r1ci-answer-card';
import './r1ci-code-cell';
import './r1ci-markdown';
import './r1ci-stats-bar';

/**
 * One question session: the question, each round's text (markdown) and code cells, the status, the
 * answer card, live figures, and copy/export. A recording carries a visible badge throughout.
 * `revision` changes whenever the (mutated in place) session changed.
 */
export class R1ciSessionView extends LitElement {
  static override properties = {
    session: { attribute: false },
    revision: { type: Number },
    stage: { type: String },
    runnableLanguages: { attribute: false },
    pythonStage: { type: String },
    _copied: { state: true },
  };
  /** The Python runtime's start-up stage: its first start takes a few seconds, worth saying. */
  declare pythonStage: string;
  declare session: Session | null;
  declare revision: number;
  declare stage: RunStage;
  declare runnableLanguages: readonly string[];
  declare _copied: boolean;

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin-bottom: 0.6rem; }
      .source { font-size: 0.85rem; }
      .actions { margin-left: auto; display: flex; flex-wrap: wrap; gap: 0.35rem; }
      .actions button { font-size: 0.8rem; padding: 0.2rem 0.55rem; }
      .notice { border: 1px solid var(--recording); background: var(--recording-bg); color: var(--text); border-radius: 8px; padding: 0.45rem 0.7rem; font-size: 0.85rem; margin-bottom: 0.7rem; }
      .question { background: var(--surface-2); border-radius: 10px; padding: 0.6rem 0.8rem; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 16rem; overflow-y: auto; }
      .question-label { font-size: 0.75rem; color: var(--muted); margin-bottom: 0.2rem; }
      .rounds { display: flex; flex-direction: column; gap: 0.8rem; margin: 0.9rem 0; }
      .round-label { font-size: 0.7rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
      .round { display: flex; flex-direction: column; gap: 0.6rem; }
      .status { font-size: 0.85rem; margin: 0.6rem 0; }
      .status.error, .status.interrupted { color: var(--danger); }
      r1ci-answer-card { margin: 0.8rem 0; }
      r1ci-stats-bar { border-top: 1px solid var(--border); padding-top: 0.5rem; }
    `,
  ];

  constructor() {
    super();
    this.session = null;
    this.revision = 0;
    this.stage = 'idle';
    this.runnableLanguages = ['python', 'py'];
    this._copied = false;
    this.pythonStage = 'idle';
  }

  override render() {
    const s = this.session;
    if (!s) return nothing;
    const recording = s.source.kind === 'recording';
    const live = s.status === 'running';
    return html`
      <div class="head">
        ${recording ? html`<span class="badge recording" data-testid="recording-badge">Recording</span>` : nothing}
        <span class="source muted">${recording ? `Recorded session: ${s.source.label}` : s.source.label}</span>
        <div class="actions" role="group" aria-label="Copy and export">
          <button @click=${this.copyMarkdown} aria-label="Copy the session as Markdown">${this._copied ? 'Copied' : 'Copy'}</button>
          <button @click=${() => downloadText(exportFileName(s, 'md'), sessionToMarkdown(s), 'text/markdown')} aria-label="Export the session as a Markdown file">Export .md</button>
          <button @click=${() => downloadText(exportFileName(s, 'json'), sessionToJson(s, Date.now()), 'application/json')} aria-label="Export the session as a JSON file">Export .json</button>
        </div>
      </div>
      ${recording
        ? html`<p class="notice" role="note">This is a <strong>recording</strong>: pre-written model text played back, not output of a model running now. The Python code really runs in your browser.</p>`
        : nothing}
      <div class="question-label">Question</div>
      <div class="question" data-testid="question">${s.question || html`<span class="muted">Loading the recording…</span>`}</div>
      <div class="rounds" aria-live="polite" aria-label="Model output" data-testid="rounds">
        ${repeat(s.rounds, (r) => r.round, (r) => this.renderRound(r, s, live && r === s.rounds[s.rounds.length - 1]))}
      </div>
      ${this.renderStatus(s)}
      ${s.answer !== null ? html`<r1ci-answer-card .answer=${s.answer} ?recording=${recording}></r1ci-answer-card>` : nothing}
      <r1ci-stats-bar .stats=${sessionStats(s, Date.now())}></r1ci-stats-bar>
    `;
  }

  private renderRound(round: SessionRound, session: Session, streaming: boolean) {
    const segments = splitSegments(round.text);
    // The block the loop ran is the round's last closed runnable block (the loop cuts the round right after it).
    let ranIndex = -1;
    segments.forEach((seg, i) => {
      if (seg.kind === 'code' && seg.closed && isRunnable(seg.language, this.runnableLanguages)) ranIndex = i;
    });
    return html`
      <div class="round" data-round=${round.round}>
        <div class="round-label">Round ${round.round + 1}</div>
        ${segments.map((seg, i) => {
          if (seg.kind === 'prose') return html`<r1ci-markdown .text=${seg.text}></r1ci-markdown>`;
          if (!isRunnable(seg.language, this.runnableLanguages) && seg.closed) {
            return html`<r1ci-markdown .text=${'```' + seg.language + '\n' + seg.code + '\n```'}></r1ci-markdown>`;
          }
          const run = i === ranIndex ? round.run : null;
          const state: CellState = run ? run.status : !seg.closed && streaming ? 'writing' : i === ranIndex && streaming ? 'waiting' : 'not-run';
          const outputChars = run ? run.output.reduce((n, c) => n + c.text.length, 0) : 0;
          const kept = run ? outputChars : 0;
          const dropped = run && run.stdoutChars !== undefined ? Math.max(0, run.stdoutChars + (run.stderrChars ?? 0) - kept) : 0;
          return html`<r1ci-code-cell
            .code=${seg.code}
            .language=${seg.language || 'python'}
            .state=${state}
            .durationMs=${run?.durationMs}
            .startedAt=${run?.startedAt}
            .output=${run?.output ?? []}
            .outputChars=${outputChars}
            .droppedChars=${dropped}
            .resultText=${run?.resultText}
          ></r1ci-code-cell>`;
        })}
      </div>
    `;
  }

  private renderStatus(s: Session) {
    if (s.status === 'running') {
      const startingPython = ['spawning', 'loading-runtime', 'starting-python'].includes(this.pythonStage);
      const words =
        this.stage === 'preparing' ? 'Preparing…'
        : this.stage === 'running-python' ? (startingPython ? 'Starting Python (loading the runtime; only the first time)…' : 'Running Python…')
        : 'Generating…';
      return html`<p class="status muted" role="status">${words}</p>`;
    }
    const deviceLost = s.error?.name === 'GPUDeviceLostError';
    return html`<p class="status ${s.status}" role="status" data-testid="session-status">${cap(statusWords(s))}${/[.!?]$/.test(statusWords(s)) ? '' : '.'}</p>
      ${deviceLost ? html`<button @click=${() => location.reload()}>Reload the page</button>` : nothing}`;
  }

  private async copyMarkdown(): Promise<void> {
    if (!this.session) return;
    try {
      await navigator.clipboard.writeText(sessionToMarkdown(this.session));
      this._copied = true;
      setTimeout(() => (this._copied = false), 1500);
    } catch {
      /* clipboard refused: export still works */
    }
  }
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

customElements.define('r1ci-session-view', R1ciSessionView);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-session-view': R1ciSessionView;
  }
}
