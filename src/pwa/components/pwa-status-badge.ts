import { LitElement, css, html } from 'lit';
import { PwaStateController } from './pwa-state-controller';

/**
 * A small chip saying which mode the app runs in: cross-origin isolated (fast Python interrupt) or not
 * (a runaway script restarts Python), and "Offline" when the network is gone. The full reason is in the
 * tooltip and for screen readers.
 */
export class PwaStatusBadge extends LitElement {
  static override styles = css`
    /* Keeps its size in a crowded header: what mode the app runs in must stay readable. */
    :host { display: inline-flex; gap: 0.35rem; font: 0.8rem/1.2 system-ui, sans-serif; flex-shrink: 0; }
    .chip { border-radius: 999px; padding: 0.15rem 0.55rem; border: 1px solid; white-space: nowrap; }
    /* Less room: the word alone, the explanation in the tooltip and for screen readers. */
    @media (max-width: 40rem) { .more { display: none; } }
    /* A phone: a coloured dot (green isolated, amber not); the full sentence stays in the label. */
    @media (max-width: 30rem) {
      .chip.isolated, .chip.not-isolated { font-size: 0; padding: 0; width: 0.8rem; height: 0.8rem; align-self: center; }
    }
    .isolated { color: #065f46; background: #d1fae5; border-color: #6ee7b7; }
    .not-isolated { color: #92400e; background: #fef3c7; border-color: #fcd34d; }
    .offline { color: #1f2937; background: #e5e7eb; border-color: #9ca3af; }
  `;

  private readonly pwa = new PwaStateController(this);

  override render() {
    const { isolation, online } = this.pwa.value;
    const isolated = isolation.mode === 'isolated';
    return html`
      <span class="chip ${isolation.mode}" title=${isolation.message} aria-label=${isolation.message} data-reason=${isolation.reason}>${isolated
        ? html`Isolated<span class="more">: fast stop</span>`
        : html`Not isolated<span class="more">: stop restarts Python</span>`}</span>
      ${online ? '' : html`<span class="chip offline" title="No network: cached models and packages only">Offline</span>`}
    `;
  }
}

customElements.define('pwa-status-badge', PwaStatusBadge);

declare global {
  interface HTMLElementTagNameMap {
    'pwa-status-badge': PwaStatusBadge;
  }
}
