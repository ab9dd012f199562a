import { LitElement, css, html, svg } from 'lit';
import { PAPER_AVERAGES, REFERENCE_NOTE } from '../../bench/reference';
import type { BenchSummary } from '../../bench/summary';
import { sharedStyles } from '../styles';

/**
 * Accuracy per task as horizontal bars (plain SVG), with the paper's reported AVERAGES as vertical
 * reference lines and this run's own mean over tasks as a dashed one. The paper gives no per-task figures
 * here, and the caption says so rather than inventing any.
 */
export class R1ciBenchmarkChart extends LitElement {
  static override properties = { summary: { attribute: false } };
  declare summary: BenchSummary | null;

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      figure { margin: 0; }
      svg { width: 100%; max-width: 720px; height: auto; display: block; font-size: 11px; }
      .bar { fill: var(--accent); }
      .track { fill: var(--surface-hover, #eee); }
      .label { fill: var(--text); }
      .value { fill: var(--text); font-variant-numeric: tabular-nums; }
      .ref { stroke: var(--muted); stroke-width: 1; }
      .ref-text { fill: var(--muted); font-size: 10px; }
      .mine { stroke: var(--danger, #c00); stroke-width: 1.5; stroke-dasharray: 4 3; }
      .mine-text { fill: var(--danger, #c00); font-size: 10px; }
      figcaption { font-size: 0.8rem; margin-top: 0.25rem; }
      ul { margin: 0.25rem 0 0; padding-left: 1.1rem; font-size: 0.8rem; }
    `,
  ];

  constructor() {
    super();
    this.summary = null;
  }

  override render() {
    const s = this.summary;
    if (!s || s.tasks.length === 0) return html``;
    const labelW = 190;
    const barW = 300;
    const rowH = 20;
    const top = 16 + PAPER_AVERAGES.length * 12;
    const width = labelW + barW + 90;
    const height = top + s.tasks.length * rowH + 8;
    const x = (fraction: number) => labelW + fraction * barW;
    // Highest first: each line then runs down past only labels that end left of it.
    const refs = [...PAPER_AVERAGES].sort((a, b) => b.average - a.average).map((f, i) => ({ ...f, y: 10 + i * 12 }));
    return html`
      <figure>
        <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="Accuracy per task, with the paper's average accuracies as reference lines" data-testid="bench-chart">
          ${svg`<text class="ref-text" x=${labelW} y=${top - 4}>0%</text><text class="ref-text" x=${x(1) - 20} y=${top - 4}>100%</text>`}
          ${s.tasks.map((t, i) => {
            const y = top + i * rowH;
            return svg`
              <g data-task=${t.task}>
                <text class="label" x=${labelW - 6} y=${y + 13} text-anchor="end">${clip(t.task)}</text>
                <rect class="track" x=${labelW} y=${y + 3} width=${barW} height=${rowH - 6}></rect>
                <rect class="bar" x=${labelW} y=${y + 3} width=${Math.max(0, t.accuracy * barW)} height=${rowH - 6}></rect>
                <text class="value" x=${x(1) + 4} y=${y + 13}>${(100 * t.accuracy).toFixed(0)}% (${t.correct}/${t.count})</text>
              </g>`;
          })}
          ${refs.map(
            (f) => svg`
              <line class="ref" x1=${x(f.average)} x2=${x(f.average)} y1=${f.y + 2} y2=${height - 4}></line>
              <text class="ref-text" x=${x(f.average) - 3} y=${f.y + 1} text-anchor="end">${f.system}, ${f.version.split(' ')[0]}: ${(100 * f.average).toFixed(1)}%</text>`,
          )}
          ${s.macroAccuracy === null
            ? ''
            : svg`<line class="mine" x1=${x(s.macroAccuracy)} x2=${x(s.macroAccuracy)} y1=${top} y2=${height - 4}></line>`}
        </svg>
        <figcaption class="muted">
          Bars: this run's accuracy per task. Grey lines: the paper's reported averages.
          Dashed line: this run's mean over tasks (${s.macroAccuracy === null ? '—' : (100 * s.macroAccuracy).toFixed(1) + '%'}).
          <span data-testid="bench-reference-note">${REFERENCE_NOTE}</span>
        </figcaption>
      </figure>
    `;
  }
}

/** Long task names would push the bars off the chart; the table shows them whole. */
function clip(text: string): string {
  return text.length > 30 ? text.slice(0, 29) + '…' : text;
}

customElements.define('r1ci-benchmark-chart', R1ciBenchmarkChart);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-benchmark-chart': R1ciBenchmarkChart;
  }
}
