import { LitElement, css, html, nothing } from 'lit';
import { applyUpdate, dismissUpdate } from '../register';
import { PwaStateController } from './pwa-state-controller';

/**
 * "A new version is ready": shown when a newly deployed version waits. Reload applies it, at once when
 * idle, else as soon as the running answer ends (it says so); Later hides it until the next load.
 * Mounted by src/pwa/boot.ts; floats at the bottom of the window.
 */
export class PwaUpdatePrompt extends LitElement {
  static override styles = css`
    /* Top right, under the app header: the bottom holds the question box and its Ask button. */
    :host { position: fixed; inset: 3.25rem 1rem auto auto; z-index: 1000; max-width: min(26rem, calc(100vw - 2rem)); }
    .toast { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: center; padding: 0.75rem 1rem;
      border-radius: 0.5rem; background: #1f2937; color: #f9fafb; box-shadow: 0 4px 16px rgb(0 0 0 / 0.3); font: 0.95rem/1.4 system-ui, sans-serif; }
    p { margin: 0; flex: 1 1 12rem; }
    button { font: inherit; border-radius: 0.35rem; padding: 0.3rem 0.8rem; cursor: pointer; border: 1px solid #9ca3af; background: transparent; color: inherit; }
    button.primary { background: #fbbf24; border-color: #fbbf24; color: #111827; font-weight: 600; }
    button:focus-visible { outline: 2px solid #fbbf24; outline-offset: 2px; }
  `;

  private readonly pwa = new PwaStateController(this);
  private controller?: AbortController;

  override render() {
    const state = this.pwa.value;
    if (!state.updateReady) return nothing;
    if (state.updateDeferred) {
      return html`<div class="toast" role="status" aria-live="polite">
        <p>The update will be applied when the current answer ends.</p>
        <button @click=${this.onCancel}>Cancel</button>
      </div>`;
    }
    const text = state.updateActivatedElsewhere
      ? 'A new version of the app was installed in another tab. Reload to use it.'
      : 'A new version of the app is ready.';
    return html`<div class="toast" role="alertdialog" aria-label="Update ready">
      <p>${text}</p>
      <button class="primary" @click=${this.onReload}>Reload</button>
      <button @click=${dismissUpdate}>Later</button>
    </div>`;
  }

  private onReload = (): void => {
    this.controller = new AbortController();
    applyUpdate(this.controller.signal).catch(() => undefined);
  };

  private onCancel = (): void => {
    this.controller?.abort();
  };
}

customElements.define('pwa-update-prompt', PwaUpdatePrompt);

declare global {
  interface HTMLElementTagNameMap {
    'pwa-update-prompt': PwaUpdatePrompt;
  }
}
