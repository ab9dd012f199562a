import { LitElement, css, html, nothing } from 'lit';
import { emit } from '../app-events';
import type { ModelState } from '../controllers/model-controller';
import type { GpuStatus, MemoryFit, ModelChoice } from '../services/model-backend';
import { formatDuration } from '../state/stats';
import { sharedStyles } from '../styles';
import './r1ci-model-folder';

const WEBGPU_REPORT = 'https://webgpureport.org/';

/**
 * The start-up panel: what stands between the user and a live model (no WebGPU, weights not hosted,
 * not downloaded, downloading, loading) and the action that moves it on. Says plainly when only the
 * recorded demos can run.
 */
export class R1ciModelStatus extends LitElement {
  static override properties = {
    state: { attribute: false },
    gpu: { attribute: false },
    choice: { attribute: false },
    fallbacks: { attribute: false },
    fit: { attribute: false },
  };
  declare fit: MemoryFit | null;
  declare state: ModelState;
  declare gpu: GpuStatus | null;
  declare choice: ModelChoice | null;
  declare fallbacks: ModelChoice[];

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      section { border: 1px solid var(--border); border-left: 4px solid var(--accent); border-radius: 8px; padding: 0.6rem 0.8rem; background: var(--surface); font-size: 0.9rem; }
      section.warn { border-left-color: var(--warning); }
      section.bad { border-left-color: var(--danger); }
      section.good { border-left-color: var(--ok); }
      h2 { font-size: 0.95rem; margin: 0 0 0.3rem; }
      p { margin: 0.25rem 0; }
      .row { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin-top: 0.45rem; }
      progress { width: min(22rem, 100%); height: 0.7rem; }
      .figures { font-variant-numeric: tabular-nums; font-size: 0.8rem; }
      .fit { border-radius: 6px; padding: 0.1rem 0.6rem; margin: 0.4rem 0; background: var(--surface-2); color: var(--warning); }
      .fit.cannot-run { color: var(--danger); }
    `,
  ];

  constructor() {
    super();
    this.state = { phase: 'checking' };
    this.gpu = null;
    this.choice = null;
    this.fallbacks = [];
    this.fit = null;
  }

  /** "Import from a folder…": the same checks and progress as a download, from a local copy. */
  private renderImport() {
    return html`<r1ci-model-folder mode="import" .modelId=${this.choice?.id ?? ''}></r1ci-model-folder>`;
  }

  /** GPU memory warnings before a download or a load, most serious first. */
  private renderFit() {
    const fit = this.fit;
    if (!fit || fit.warnings.length === 0) return nothing;
    return html`<div class="fit ${fit.verdict}" role="note" data-testid="memory-fit">${fit.warnings.map((w) => html`<p>${w}</p>`)}</div>`;
  }

  override render() {
    const s = this.state;
    const name = this.choice?.displayName ?? 'the model';
    switch (s.phase) {
      case 'checking':
        return html`<section role="status"><p>Checking for WebGPU…</p></section>`;
      case 'no-webgpu':
        return html`<section class="bad" role="status" data-testid="no-webgpu">
          <h2>WebGPU is not available here</h2>
          <p>${s.reason} The model runs on your graphics card through WebGPU, so it cannot run in this browser.</p>
          <p>Try a recent Chrome, Edge or Safari with WebGPU enabled; <a href=${WEBGPU_REPORT} target="_blank" rel="noopener noreferrer">webgpureport.org</a> shows what your browser supports.</p>
          <p><strong>You can still watch the recorded demos</strong>: pre-written model text played back, with the Python really running in your browser.</p>
        </section>`;
      case 'unavailable':
        return html`<section class="warn" role="status" data-testid="model-unavailable">
          <h2>${name} cannot run in this build</h2><p>${s.reason}</p></section>`;
      case 'weights-missing':
        return html`<section class="warn" role="status" data-testid="weights-missing">
          <h2>${name}'s weights are not on this site</h2>
          <p>The app looked for them at <code>${s.url}</code> and found nothing. ${s.help}</p>
          <p>No converted R1-CI weights are published; whoever hosts this app converts the checkpoint once
            (see <code>models/README.md</code> and <code>models/convert/</code> in the source) and puts the folder there.</p>
          <p>Have the model folder on a USB stick or a shared drive? Import it into this browser:</p>
          <div class="row">${this.renderImport()}</div>
          ${this.fallbacks.length
            ? html`<p>Meanwhile you can use a stock Qwen2.5 model. <strong>These are not R1-CI</strong>: they were not trained on this loop and answer less well.</p>
                <div class="row">${this.fallbacks.map((f) => html`<button @click=${() => emit(this, 'r1ci-model-action', { action: 'choose', modelId: f.id })}>Use ${f.displayName}</button>`)}</div>`
            : nothing}
        </section>`;
      case 'not-downloaded':
        return html`<section role="status" data-testid="not-downloaded">
          <h2>${name} is not downloaded yet</h2>
          <p>It is stored in your browser once and then works offline.${this.choice?.downloadBytes ? ` Download size: ${formatBytes(this.choice.downloadBytes)}.` : ''}
            ${s.bytesDone ? ` ${formatBytes(s.bytesDone)} already downloaded.` : ''}</p>
          ${this.renderFit()}
          <div class="row">
            <button class="primary" ?disabled=${this.fit?.verdict === 'cannot-run'} @click=${() => this.act('download')}>${s.bytesDone ? 'Resume download' : 'Download'}</button>
            ${this.renderImport()}
            ${s.bytesDone ? html`<button class="danger" @click=${() => this.act('delete')}>Delete partial download</button>` : nothing}
          </div>
        </section>`;
      case 'downloading': {
        const p = s.progress;
        const fraction = p.bytesTotal ? p.bytesDone / p.bytesTotal : undefined;
        return html`<section role="status" data-testid="downloading">
          <h2>${s.from ? `Importing ${name} from the folder "${s.from}"` : `Downloading ${name}`}</h2>
          <progress aria-label="Download progress" .value=${fraction ?? 0} max="1"></progress>
          <p class="figures">${formatBytes(p.bytesDone)}${p.bytesTotal ? ` of ${formatBytes(p.bytesTotal)} (${Math.floor((fraction ?? 0) * 100)}%)` : ''}
            ${p.bytesPerSecond ? ` · ${formatBytes(p.bytesPerSecond)}/s` : ''}${p.secondsLeft !== undefined ? ` · ${formatDuration(p.secondsLeft * 1000)} left` : ''}</p>
          <div class="row"><button @click=${() => this.act('pause')}>${s.from ? 'Stop import' : 'Pause'}</button></div>
        </section>`;
      }
      case 'cached':
        return html`<section class="good" role="status" data-testid="cached">
          <h2>${name} is downloaded</h2><p>It loads into your graphics card when you ask the first question.</p>
          ${this.renderFit()}
          <div class="row"><button @click=${() => this.act('load')}>Load now</button><button class="danger" @click=${() => this.act('delete')}>Delete from this browser</button>
            <r1ci-model-folder mode="export" .modelId=${this.choice?.id ?? ''}></r1ci-model-folder></div>
        </section>`;
      case 'loading':
        return html`<section role="status" data-testid="loading">
          <h2>Loading ${name}</h2>
          <progress aria-label="Loading progress" .value=${s.progress.fraction ?? 0} max="1"></progress>
          <p class="figures">${s.progress.text}</p>
          <div class="row"><button class="danger" @click=${() => emit(this, 'r1ci-stop', undefined)}>Stop loading</button></div>
        </section>`;
      case 'ready':
        return html`<section class="good" role="status" data-testid="ready"><p><strong>${name}</strong> is ready${this.gpu?.kind === 'ok' ? html` <span class="muted">on ${this.gpu.description}</span>` : nothing}.</p></section>`;
      case 'error':
        return html`<section class="bad" role="alert" data-testid="model-error">
          <h2>Something went wrong with ${name}</h2><p>${s.message}</p>
          <div class="row"><button @click=${() => this.act('retry')}>Try again</button></div>
        </section>`;
    }
  }

  private act(action: 'download' | 'pause' | 'delete' | 'load' | 'retry'): void {
    emit(this, 'r1ci-model-action', { action });
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

customElements.define('r1ci-model-status', R1ciModelStatus);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-model-status': R1ciModelStatus;
  }
}
