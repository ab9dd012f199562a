import { LitElement, css, html, nothing } from 'lit';
import { percent, type BenchSummary, type TaskStats } from '../../bench/summary';
import { sharedStyles } from '../styles';

/**
 * The per-task table of a benchmark run: accuracy with counts, mean code calls, tokens, tokens/s and time
 * per question, then every question pooled (micro) and the mean over tasks (macro, the paper's figure).
 * Task names come from the benchmark file: text bindings only.
 */
export class R1ciBenchmarkTable extends LitElement {
  static override properties = { summary: { attribute: false } };
  declare summary: BenchSummary | null;

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; min-width: 0; }
      table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 0.9rem; }
      th, td { padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--border); text-align: right; white-space: nowrap; }
      th:first-child, td:first-child { text-align: left; white-space: normal; overflow-wrap: break-word; min-width: 10rem; }
      thead th { font-weight: 600; color: var(--muted); }
      tfoot td { font-weight: 600; }
      .wrap { overflow-x: auto; }
      .note { font-size: 0.8rem; }
    `,
  ];

  constructor() {
    super();
    this.summary = null;
  }

  override render() {
    const s = this.summary;
    if (!s || s.all.count === 0) return html`<p class="muted">No results yet.</p>`;
    const est = s.all.tokensEstimated ? '~' : '';
    const row = (t: TaskStats, name: string, testid: string) => html`
      <tr data-testid=${testid} data-task=${t.task}>
        <td>${name}</td>
        <td data-col="correct">${t.correct} / ${t.count}</td>
        <td data-col="accuracy">${percent(t.accuracy)}</td>
        <td data-col="code-calls">${t.meanCodeCalls.toFixed(2)}</td>
        <td data-col="tokens">${est}${Math.round(t.meanCompletionTokens)}</td>
        <td data-col="tokens-per-s">${t.tokensPerSecond === null ? '—' : t.tokensPerSecond.toFixed(1)}</td>
        <td data-col="time">${(t.meanElapsedMs / 1000).toFixed(1)} s</td>
      </tr>`;
    return html`
      <div class="wrap">
        <table data-testid="bench-table">
          <thead>
            <tr><th scope="col">Task</th><th scope="col">Correct</th><th scope="col">Accuracy</th><th scope="col">Code calls</th>
              <th scope="col">Tokens</th><th scope="col">Tokens/s</th><th scope="col">Time / question</th></tr>
          </thead>
          <tbody>${s.tasks.map((t) => row(t, t.task, 'bench-task-row'))}</tbody>
          <tfoot>
            ${row(s.all, 'All questions (micro)', 'bench-all-row')}
            <tr data-testid="bench-macro-row"><td>Mean over tasks (macro)</td><td></td><td data-col="accuracy">${percent(s.macroAccuracy)}</td><td colspan="4"></td></tr>
          </tfoot>
        </table>
      </div>
      <p class="note muted">Code calls, tokens and time are means per question.
        ${est ? html`~ Token counts are estimates (a recording has text, not tokens).` : nothing}
        ${s.all.tokensPerSecond === null ? html`Tokens/s is shown for a live model only.` : nothing}</p>
    `;
  }
}

customElements.define('r1ci-benchmark-table', R1ciBenchmarkTable);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-benchmark-table': R1ciBenchmarkTable;
  }
}
