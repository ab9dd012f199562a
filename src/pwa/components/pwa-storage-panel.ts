import { LitElement, css, html, nothing } from 'lit';
import { Task } from '@lit/task';
import { deleteModel, inspectModel, type ModelCacheReport } from '../../models-cache/inspect';
import type { ModelLocation } from '../../models-cache/plan';
import { deleteOfflinePackages, packageCacheUsage } from '../packages';
import { ensurePersistentStorage, formatBytes, storageSummary, type StorageSummary } from '../storage';

type PanelModel = ModelLocation & { displayName?: string };

interface PanelData {
  summary: StorageSummary;
  models: { model: PanelModel; report: ModelCacheReport }[];
  packages: { files: number; bytes: number };
}

/**
 * Storage: space used and left, whether the browser keeps the data (persistent storage), the space each
 * model takes with a Delete button, and the Python packages kept offline. Reads only the caches, so it
 * works offline; a model the browser evicted shows as not downloaded.
 * Set `models` to the catalog entries to list.
 */
export class PwaStoragePanel extends LitElement {
  static override properties = { models: { attribute: false }, actionError: { state: true } };

  static override styles = css`
    :host { display: block; font: 0.9rem/1.4 system-ui, sans-serif; }
    /* A list, not a table: the settings drawer is narrow and model names are long. */
    ul { list-style: none; margin: 0.4rem 0; padding: 0; }
    li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.15rem 0.5rem; padding: 0.3rem 0; border-bottom: 1px solid #e5e7eb; }
    .name { flex: 1 1 10rem; min-width: 0; overflow-wrap: anywhere; }
    .meta { display: inline-flex; gap: 0.4rem; align-items: baseline; margin-left: auto; white-space: nowrap; font-variant-numeric: tabular-nums; }
    .absent { opacity: 0.65; }
    button { font: inherit; cursor: pointer; }
    .error { color: #b91c1c; }
    p { margin: 0.4rem 0; }
  `;

  declare models: PanelModel[];
  declare private actionError: string;
  private readonly data: Task<[PanelModel[]], PanelData>;

  constructor() {
    super();
    this.models = [];
    this.actionError = '';
    this.data = new Task(this, {
      task: async ([models]) => {
        const [summary, packages, reports] = await Promise.all([
          storageSummary(),
          packageCacheUsage().catch(() => ({ files: 0, bytes: 0 })),
          Promise.all(models.map((m) => inspectModel(m).catch((): ModelCacheReport => ({ modelId: m.id, state: 'absent', bytesCached: 0, filesCached: 0, missing: [] })))),
        ]);
        return { summary, packages, models: models.map((model, i) => ({ model, report: reports[i] })) };
      },
      args: () => [this.models],
    });
  }

  /** Reads the caches again (after a download, an import, a deletion elsewhere). */
  refresh(): void {
    void this.data.run();
  }

  override render() {
    // No heading of its own: the host places it under its own "Storage" heading.
    return html`
      ${this.data.render({
        pending: () => html`<p>Reading storage…</p>`,
        error: (err) => html`<p class="error">Could not read storage: ${String((err as Error)?.message ?? err)}</p>`,
        complete: (data) => this.renderData(data),
      })}
      ${this.actionError ? html`<p class="error" role="alert">${this.actionError}</p>` : nothing}
    `;
  }

  private renderData({ summary, models, packages }: PanelData) {
    return html`
      <p>Used ${formatBytes(summary.usageBytes)} of ${formatBytes(summary.quotaBytes)} this browser allows (${formatBytes(summary.freeBytes)} free).</p>
      <p>${summary.persistence === 'persisted'
        ? 'Storage is persistent: the browser will not delete downloaded models to free space.'
        : summary.persistence === 'unsupported'
          ? 'This browser cannot make storage persistent; it may delete downloaded models when the disk is full.'
          : html`The browser may delete downloaded models when the disk is full. <button @click=${this.onPersist}>Keep my data</button>`}</p>
      ${models.length ? html`<ul aria-label="Space used per model">
        ${models.map(({ model, report }) => html`<li data-model=${model.id} class=${report.state}>
          <span class="name">${model.displayName ?? model.id}</span>
          <span class="meta">
            <span class="state">${STATE_TEXT[report.state]}</span>
            ${report.state === 'absent' ? nothing : html`<span class="size">${formatBytes(report.bytesCached)}</span>
              <button @click=${() => this.onDeleteModel(model)} aria-label="Delete ${model.displayName ?? model.id}">Delete</button>`}
          </span>
        </li>`)}
      </ul>` : nothing}
      <p>Python packages kept offline: ${packages.files} file(s), ${formatBytes(packages.bytes)}.
        ${packages.files ? html`<button @click=${this.onDeletePackages}>Delete packages</button>` : nothing}</p>
    `;
  }

  private onPersist = async (): Promise<void> => {
    const result = await ensurePersistentStorage();
    this.actionError = result === 'persisted' ? '' : 'The browser did not grant persistent storage. Installing the app usually makes it grant it.';
    this.refresh();
  };

  private async onDeleteModel(model: PanelModel): Promise<void> {
    try {
      await deleteModel(model, this.models);
      this.actionError = '';
    } catch (err) {
      this.actionError = `Could not delete ${model.id}: ${(err as Error).message}`;
    }
    this.refresh();
  }

  private onDeletePackages = async (): Promise<void> => {
    await deleteOfflinePackages();
    this.refresh();
  };
}

const STATE_TEXT = { ready: 'Downloaded', partial: 'Partly downloaded', absent: 'Not downloaded' } as const;

customElements.define('pwa-storage-panel', PwaStoragePanel);

declare global {
  interface HTMLElementTagNameMap {
    'pwa-storage-panel': PwaStoragePanel;
  }
}
