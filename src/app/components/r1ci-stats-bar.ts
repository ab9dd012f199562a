import { LitElement, css, html, nothing } from 'lit';
import type { SessionStats } from '../state/stats';
import { formatRate } from '../state/stats';

/** Live figures for a session: tokens/s, rounds, code calls, prompt tokens processed per round. */
export class R1ciStatsBar extends LitElement {
  static override properties = { stats: { attribute: false } };
  declare stats: SessionStats | null;

  static override styles = css`
    :host { display: block; font-size: 0.8rem; color: var(--muted); }
    dl { display: flex; flex-wrap: wrap; gap: 0.3rem 1.1rem; margin: 0; }
    div { display: flex; gap: 0.3rem; }
    dt::after { content: ':'; }
    dd { margin: 0; color: var(--text); font-variant-numeric: tabular-nums; }
    details { margin-top: 0.3rem; }
    summary { cursor: pointer; }
    table { border-collapse: collapse; margin-top: 0.3rem; font-variant-numeric: tabular-nums; }
    th, td { text-align: right; padding: 0.1rem 0.6rem; border-bottom: 1px solid var(--border); }
    th { font-weight: 600; color: var(--muted); }
  `;

  constructor() {
    super();
    this.stats = null;
  }

  override render() {
    const s = this.stats;
    if (!s) return nothing;
    const approx = s.estimated ? '≈' : '';
    const prompt = s.promptTokensPerRound.some((n) => n !== undefined)
      ? s.promptTokensPerRound.map((n) => (n === undefined ? '?' : String(n))).join(' · ')
      : '—';
    return html`
      <dl aria-label="Session figures">
        <div><dt>Speed</dt><dd data-testid="stat-tokens-per-second">${s.tokensPerSecond === null ? '—' : `${approx}${formatRate(s.tokensPerSecond)} tokens/s`}</dd></div>
        <div><dt>Tokens</dt><dd>${approx}${s.completionTokens}</dd></div>
        <div><dt>Rounds</dt><dd data-testid="stat-rounds">${s.rounds}</dd></div>
        <div><dt>Code calls</dt><dd data-testid="stat-code-calls">${s.codeCalls}</dd></div>
        <div><dt>Prompt tokens per round</dt><dd>${prompt}</dd></div>
      </dl>
      ${s.perRound.length
        ? html`<details>
            <summary>Per round</summary>
            <table>
              <thead><tr><th scope="col">Round</th><th scope="col">Prompt tokens processed</th><th scope="col">From cache</th><th scope="col">Prefill tokens/s</th><th scope="col">Decode tokens/s</th></tr></thead>
              <tbody>${s.perRound.map((r) => html`<tr><td>${r.round + 1}</td><td>${r.promptTokens ?? '—'}</td><td>${r.cachedPromptTokens ?? '—'}</td><td>${formatRate(r.prefillTokensPerSecond ?? null)}</td><td>${formatRate(r.decodeTokensPerSecond ?? null)}</td></tr>`)}</tbody>
            </table>
          </details>`
        : nothing}
    `;
  }
}

customElements.define('r1ci-stats-bar', R1ciStatsBar);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-stats-bar': R1ciStatsBar;
  }
}
