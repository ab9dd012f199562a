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
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #e5e7eb; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
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
      ${models.length ? html`<table>
        <thead><tr><th>Model</th><th>State</th><th>Size</th><th></th></tr></thead>
        <tbody>${models.map(({ model, report }) => html`<tr data-model=${model.id}>
          <td>${model.displayName ?? model.id}</td>
          <td class="state">${STATE_TEXT[report.state]}</td>
          <td class="num">${report.state === 'absent' ? '' : formatBytes(report.bytesCached)}</td>
          <td>${report.state === 'absent' ? '' : html`<button @click=${() => this.onDeleteModel(model)} aria-label="Delete ${model.displayName ?? model.id}">Delete</button>`}</td>
        </tr>`)}</tbody>
      </table>` : nothing}
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
