import { LitElement, css, html, nothing } from 'lit';
import { Task } from '@lit/task';
import { makePackagesAvailableOffline, offlinePackageStatus, type PackageProgress, type PackageStatus } from '../packages';
import { PRESET_PACKAGES, type Lockfile } from '../packages-plan';

/**
 * "Make available offline" for Python packages: tick packages (numpy, sympy, ...), fetch them with their
 * dependencies into the offline package cache, see which are kept. Needs `lockUrl` (Pyodide's
 * pyodide-lock.json, precached with the runtime) and `packageBaseUrl` (where the wheels are fetched
 * from, the Python worker's setting).
 */
export class PwaOfflinePackages extends LitElement {
  static override properties = {
    lockUrl: { attribute: 'lock-url' },
    packageBaseUrl: { attribute: 'package-base-url' },
    selected: { state: true },
    progress: { state: true },
    error: { state: true },
  };

  static override styles = css`
    :host { display: block; font: 0.9rem/1.4 system-ui, sans-serif; }
    fieldset { border: 1px solid #d1d5db; border-radius: 0.4rem; }
    label { display: inline-flex; gap: 0.3rem; margin: 0.15rem 0.8rem 0.15rem 0; }
    .kept { color: #065f46; font-size: 0.8em; }
    .error { color: #b91c1c; }
    button { font: inherit; cursor: pointer; }
  `;

  declare lockUrl: string;
  declare packageBaseUrl: string;
  declare private selected: Set<string>;
  declare private progress: PackageProgress | undefined;
  declare private error: string;
  private controller?: AbortController;
  private readonly lock: Task<[string], Lockfile>;
  private readonly status: Task<[Lockfile | undefined, string, number], PackageStatus[]>;
  private statusGeneration = 0;

  constructor() {
    super();
    this.lockUrl = '';
    this.packageBaseUrl = '';
    this.selected = new Set(['numpy', 'sympy']);
    this.progress = undefined;
    this.error = '';
    this.lock = new Task(this, {
      task: async ([url], { signal }) => {
        if (!url) throw new Error('No package list configured (lock-url).');
        const response = await fetch(url, { signal });
        if (!response.ok) throw new Error(`The package list ${url} could not be read (HTTP ${response.status}).`);
        return (await response.json()) as Lockfile;
      },
      args: () => [this.lockUrl],
    });
    this.status = new Task(this, {
      task: async ([lock, base]) => (lock && base ? offlinePackageStatus(lock, base, PRESET_PACKAGES) : []),
      args: () => [this.lock.value, this.packageBaseUrl, this.statusGeneration],
    });
  }

  override render() {
    return html`
      <fieldset>
        <legend>Python packages for offline use</legend>
        ${this.lock.render({
          pending: () => html`<p>Reading the package list…</p>`,
          error: (err) => html`<p class="error">${(err as Error).message}</p>`,
          complete: () => this.renderChoices(),
        })}
      </fieldset>
    `;
  }

  private renderChoices() {
    const kept = new Set((this.status.value ?? []).filter((p) => p.cached).map((p) => p.name));
    const busy = this.progress !== undefined && this.progress.current !== undefined;
    return html`
      <div role="group" aria-label="Packages">
        ${PRESET_PACKAGES.map((name) => html`<label>
          <input type="checkbox" .checked=${this.selected.has(name)} ?disabled=${busy} @change=${(e: Event) => this.toggle(name, (e.target as HTMLInputElement).checked)} />
          ${name} ${kept.has(name) ? html`<span class="kept">(kept offline)</span>` : nothing}
        </label>`)}
      </div>
      <p>
        ${busy
          ? html`<button @click=${() => this.controller?.abort()}>Stop</button>
              <span role="status">Fetching ${this.progress!.current} (${this.progress!.done + 1} of ${this.progress!.total})…</span>`
          : html`<button ?disabled=${this.selected.size === 0} @click=${this.onFetch}>Make available offline</button>`}
      </p>
      ${this.progress && !busy ? html`<p role="status">${this.progress.total} package(s) with dependencies available offline.</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }

  private toggle(name: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(name); else next.delete(name);
    this.selected = next;
  }

  private onFetch = async (): Promise<void> => {
    const lock = this.lock.value;
    if (!lock) return;
    this.controller = new AbortController();
    this.error = '';
    try {
      await makePackagesAvailableOffline({
        lock, packageBaseUrl: this.packageBaseUrl, names: [...this.selected], signal: this.controller.signal,
        onProgress: (p) => { this.progress = p; },
      });
    } catch (err) {
      this.progress = undefined;
      if ((err as { name?: string }).name !== 'AbortError') this.error = (err as Error).message;
    }
    this.statusGeneration++;
    void this.status.run();
  };
}

customElements.define('pwa-offline-packages', PwaOfflinePackages);

declare global {
  interface HTMLElementTagNameMap {
    'pwa-offline-packages': PwaOfflinePackages;
  }
}
