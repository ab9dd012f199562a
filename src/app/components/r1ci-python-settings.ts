import { LitElement, css, html, nothing } from 'lit';
import { DEFAULT_PACKAGE_BASE_URL } from '../../python/runtime-defaults';
import { checkPackageUrl, loadPythonSettings, savePythonSettings, type PythonPackageSettings } from '../state/settings-python';
import { sharedStyles } from '../styles';

/**
 * Settings, Python section: where package files (numpy, sympy, ...) come from. A school hosting
 * Pyodide's package folder on its own static server enters it here; empty fields mean Pyodide's CDN and
 * the package list shipped with the app. The Python runtime reads these when it starts, so a change
 * applies on the next page load (offered as a button: a reload mid-answer would lose the answer).
 */
export class R1ciPythonSettings extends LitElement {
  static override properties = {
    disabled: { type: Boolean },
    saved: { state: true },
    error: { state: true },
    changed: { state: true },
  };
  declare disabled: boolean;
  declare saved: PythonPackageSettings;
  declare error: string;
  declare changed: boolean;

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      fieldset { border: 1px solid var(--border); border-radius: 8px; margin: 0 0 0.8rem; padding: 0.5rem 0.7rem; min-width: 0; }
      legend { font-size: 0.8rem; font-weight: 600; }
      form { display: flex; flex-direction: column; gap: 0.4rem; font-size: 0.85rem; }
      label { display: flex; flex-direction: column; gap: 0.1rem; font-size: 0.8rem; }
      input { font: inherit; padding: 0.25rem 0.4rem; border: 1px solid var(--border); border-radius: 5px; background: var(--surface); color: var(--text); }
      small { color: var(--muted); font-size: 0.72rem; overflow-wrap: anywhere; }
      .row { display: flex; flex-wrap: wrap; gap: 0.4rem; }
      .error { color: var(--danger); margin: 0; }
      .note { margin: 0; }
    `,
  ];

  constructor() {
    super();
    this.disabled = false;
    this.saved = loadPythonSettings(location.href);
    this.error = '';
    this.changed = false;
  }

  override render() {
    return html`<fieldset ?disabled=${this.disabled}>
      <legend>Python packages</legend>
      <form @submit=${this.save}>
        <label>Package folder URL
          <input name="packageBaseUrl" type="text" inputmode="url" .value=${this.saved.packageBaseUrl ?? ''} placeholder=${DEFAULT_PACKAGE_BASE_URL} aria-describedby="package-base-help" />
        </label>
        <small id="package-base-help">Where numpy, sympy and the other packages are downloaded from (then kept for offline use). Empty: Pyodide's CDN.
          A school can copy Pyodide's package folder to its own static server (or beside this app, e.g. <code>pyodide-packages/</code>) and enter it here.</small>
        <label>Package list URL (optional)
          <input name="lockFileUrl" type="text" inputmode="url" .value=${this.saved.lockFileUrl ?? ''} placeholder="the pyodide-lock.json shipped with the app" aria-describedby="lockfile-help" />
        </label>
        <small id="lockfile-help">A pyodide-lock.json listing the packages of that folder; empty: the one shipped with this app's Pyodide (right for a copy of the same Pyodide release).</small>
        <div class="row">
          <button type="submit">Save</button>
          <button type="button" @click=${this.reset} ?disabled=${!this.saved.packageBaseUrl && !this.saved.lockFileUrl}>Use the defaults</button>
        </div>
        ${this.error ? html`<p class="error" role="alert" data-testid="python-settings-error">${this.error}</p>` : nothing}
        ${this.changed
          ? html`<p class="note" role="status" data-testid="python-settings-saved">Saved. Python reads this when it starts: it applies after a reload.
              <button type="button" @click=${() => location.reload()}>Reload now</button></p>`
          : nothing}
      </form>
    </fieldset>`;
  }

  private save(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const base = checkPackageUrl(String(data.get('packageBaseUrl') ?? ''), location.href, 'folder');
    const lock = checkPackageUrl(String(data.get('lockFileUrl') ?? ''), location.href, 'lockfile');
    const failed = [base, lock].find((c) => !c.ok);
    if (failed && !failed.ok) {
      this.error = failed.error;
      this.changed = false;
      return;
    }
    const next: PythonPackageSettings = {};
    if (base.ok && base.url) next.packageBaseUrl = base.url;
    if (lock.ok && lock.url) next.lockFileUrl = lock.url;
    this.store(next);
  }

  private reset(): void {
    this.renderRoot.querySelectorAll('input').forEach((input) => (input.value = ''));
    this.store({});
  }

  private store(next: PythonPackageSettings): void {
    if (!savePythonSettings(next)) {
      this.error = 'The browser refused to save settings (site storage is turned off).';
      return;
    }
    this.error = '';
    this.saved = next;
    this.changed = true;
  }
}

customElements.define('r1ci-python-settings', R1ciPythonSettings);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-python-settings': R1ciPythonSettings;
  }
}
