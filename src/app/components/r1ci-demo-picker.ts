import { LitElement, css, html, nothing } from 'lit';
import { emit } from '../app-events';
import { parseDemoIndex, type DemoEntry } from '../state/launch';
import { sharedStyles } from '../styles';

/**
 * The recorded demos listed in `demos/index.json` (beside the page). Each plays through the same UI as a
 * live model, labelled as a recording, with its Python really run.
 */
export class R1ciDemoPicker extends LitElement {
  static override properties = {
    disabled: { type: Boolean },
    _demos: { state: true },
    _error: { state: true },
  };
  declare disabled: boolean;
  declare _demos: DemoEntry[] | null;
  declare _error: string | null;

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      h2 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 0.9rem 0 0.4rem; }
      ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.25rem; }
      button { width: 100%; text-align: left; font-size: 0.82rem; padding: 0.3rem 0.5rem; }
      .task { display: block; font-size: 0.7rem; color: var(--muted); }
      p { font-size: 0.8rem; }
    `,
  ];

  constructor() {
    super();
    this.disabled = false;
    this._demos = null;
    this._error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._demos === null) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const response = await fetch(new URL('demos/index.json', document.baseURI));
      if (!response.ok) throw new Error(`demos/index.json: ${response.status}`);
      this._demos = parseDemoIndex(await response.json());
    } catch (err) {
      this._demos = [];
      this._error = `The demo list could not be loaded (${(err as Error).message}).`;
    }
  }

  override render() {
    return html`
      <h2 id="demo-heading">Recorded demos</h2>
      ${this._demos === null ? html`<p class="muted">Loading…</p>` : nothing}
      ${this._error ? html`<p class="muted">${this._error}</p>` : nothing}
      ${this._demos?.length === 0 && !this._error ? html`<p class="muted">No demos in this build.</p>` : nothing}
      <ul aria-labelledby="demo-heading" data-testid="demo-list">
        ${(this._demos ?? []).map(
          (d) => html`<li><button ?disabled=${this.disabled} @click=${() => emit(this, 'r1ci-play-demo', { name: d.name })} aria-label="Play the recorded demo: ${d.title}">
            ${d.title}${d.task ? html`<span class="task">${d.task}</span>` : nothing}</button></li>`,
        )}
      </ul>
    `;
  }
}

customElements.define('r1ci-demo-picker', R1ciDemoPicker);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-demo-picker': R1ciDemoPicker;
  }
}
