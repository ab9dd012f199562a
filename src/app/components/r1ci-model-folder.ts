import { LitElement, css, html, nothing } from 'lit';
import { emit } from '../app-events';
import { NO_FOLDER_WRITE_MESSAGE, folderPicker, type ExportProgress } from '../../models-cache/folder-export';
import { formatMB } from '../../models-cache/errors';
import { filesByFolderPath } from '../../models-cache/sources';
import { sharedStyles } from '../styles';

/**
 * The classroom buttons of the model panel (issue 4 point 6): "Import from a folder" for a model not in
 * this browser (a USB stick or a shared drive holding the model folder), "Export to a folder" for a
 * downloaded one. The import hands the picked files to the app (the model panel then shows its
 * progress like a download's); the export shows its own progress here, since the model stays usable.
 */
export class R1ciModelFolder extends LitElement {
  static override properties = {
    mode: {},
    modelId: { attribute: false },
    exportState: { state: true },
  };
  declare mode: 'import' | 'export';
  declare modelId: string;
  declare exportState: { kind: 'idle' } | { kind: 'writing'; progress: ExportProgress } | { kind: 'done'; folder: string; files: number } | { kind: 'error'; message: string };

  static override styles = [
    sharedStyles,
    css`
      :host { display: inline-flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
      input[type='file'] { display: none; }
      p { margin: 0.25rem 0; flex-basis: 100%; font-size: 0.85rem; }
      .error { color: var(--danger); }
      progress { width: min(16rem, 100%); height: 0.6rem; }
    `,
  ];

  constructor() {
    super();
    this.mode = 'import';
    this.modelId = '';
    this.exportState = { kind: 'idle' };
  }

  override render() {
    return this.mode === 'import' ? this.renderImport() : this.renderExport();
  }

  private renderImport() {
    // webkitdirectory: every Chromium browser, Firefox and Safari pick a whole folder with it.
    return html`<input type="file" webkitdirectory multiple aria-label="Model folder to import" data-testid="model-folder-input" @change=${this.picked} />
      <button @click=${() => this.renderRoot.querySelector('input')?.click()} title="Choose the folder named ${this.modelId} (from a USB stick or a shared drive)">Import from a folder…</button>`;
  }

  private renderExport() {
    const s = this.exportState;
    return html`<button ?disabled=${s.kind === 'writing'} @click=${this.exportClicked}>Export to a folder…</button>
      ${s.kind === 'writing'
        ? html`<p role="status" data-testid="export-progress"><progress aria-label="Export progress" .value=${s.progress.bytesTotal ? s.progress.bytesDone / s.progress.bytesTotal : 0} max="1"></progress>
            Writing file ${Math.min(s.progress.filesDone + 1, s.progress.filesTotal)} of ${s.progress.filesTotal} (${formatMB(s.progress.bytesDone)} of ${formatMB(s.progress.bytesTotal)})</p>`
        : nothing}
      ${s.kind === 'done' ? html`<p role="status" data-testid="export-done">Wrote ${s.files} files to ${s.folder}. Copy that folder to a USB stick; on another computer use "Import from a folder" on it.</p>` : nothing}
      ${s.kind === 'error' ? html`<p class="error" role="alert" data-testid="export-error">${s.message}</p>` : nothing}`;
  }

  private picked(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    // The same folder picked twice in a row must fire change again.
    input.value = '';
    const folderName = files[0]?.webkitRelativePath.split('/')[0] || 'chosen folder';
    emit(this, 'r1ci-model-folder', { action: 'import', files: filesByFolderPath(files), folderName });
  }

  private async exportClicked(): Promise<void> {
    // The picker must open straight from the click (a user gesture), before any other await.
    const pick = folderPicker();
    if (!pick) return void (this.exportState = { kind: 'error', message: NO_FOLDER_WRITE_MESSAGE });
    let directory;
    try {
      directory = await pick();
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') return; // the user closed the picker
      return void (this.exportState = { kind: 'error', message: `The folder could not be opened for writing: ${(err as Error)?.message ?? err}` });
    }
    this.exportState = { kind: 'writing', progress: { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 } };
    emit(this, 'r1ci-model-folder', {
      action: 'export',
      directory,
      onProgress: (progress) => (this.exportState = { kind: 'writing', progress }),
      done: (result) => {
        this.exportState = 'error' in result
          ? { kind: 'error', message: result.error }
          : { kind: 'done', folder: `${directory.name}/${result.paths[0]?.split('/').slice(0, -1).join('/') || ''}`.replace(/\/$/, ''), files: result.paths.length };
      },
    });
  }
}

customElements.define('r1ci-model-folder', R1ciModelFolder);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-model-folder': R1ciModelFolder;
  }
}
