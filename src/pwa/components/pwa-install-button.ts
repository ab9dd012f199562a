import { LitElement, css, html, nothing } from 'lit';
import { promptInstall } from '../install';
import { PwaStateController } from './pwa-state-controller';

/**
 * "Install app": shown only when the browser offered installation (Chromium's `beforeinstallprompt`)
 * and the app is not already installed; other browsers install from their own menu.
 */
export class PwaInstallButton extends LitElement {
  static override styles = css`
    button { font: inherit; border-radius: 0.35rem; padding: 0.25rem 0.75rem; cursor: pointer;
      border: 1px solid currentColor; background: transparent; color: inherit; }
    button:focus-visible { outline: 2px solid #fbbf24; outline-offset: 2px; }
  `;

  private readonly pwa = new PwaStateController(this);

  override render() {
    const { installAvailable, installed } = this.pwa.value;
    if (!installAvailable || installed) return nothing;
    return html`<button @click=${() => void promptInstall()} title="Install this app: it opens in its own window and works offline">Install app</button>`;
  }
}

customElements.define('pwa-install-button', PwaInstallButton);

declare global {
  interface HTMLElementTagNameMap {
    'pwa-install-button': PwaInstallButton;
  }
}
