import { LitElement, html, nothing } from 'lit';
import { R1CI_3B } from '../../../models/r1ci.protocol';
import { notifyIdle, setBusyProbe } from '../../pwa/busy';
import { OfflineModelsController } from '../../pwa/offline-models-controller';
import '../../pwa/components/pwa-offline-packages';
import '../../pwa/components/pwa-storage-panel';
import { ModelController } from '../controllers/model-controller';
import { SessionController, type RunTarget } from '../controllers/session-controller';
import { createModelBackend } from '../services/backend';
import { createPython, packageSources, type RuntimeStage } from '../services/python';
import { demoUrl, parseLaunch } from '../state/launch';
import { effectiveProtocol, parseSettings, type AppSettings } from '../state/settings';
import { appStyles } from './r1ci-app.styles';
import type { R1ciQuestionBox } from './r1ci-question-box';
import './r1ci-conversation-list';
import './r1ci-demo-picker';
import './r1ci-example-questions';
import './r1ci-model-status';
import './r1ci-question-box';
import './r1ci-session-view';
import './r1ci-settings-panel';
import '../../pwa/components/pwa-install-button';
import '../../pwa/components/pwa-status-badge';

const SETTINGS_KEY = 'r1ci-settings';

/**
 * The app root: owns the controllers (model life, sessions), lays out the sidebar (conversations, demos),
 * the session in view with the question box under it, and the settings panel; handles every app event.
 */
export class R1ciApp extends LitElement {
  static override properties = {
    _settings: { state: true },
    _settingsOpen: { state: true },
    _navOpen: { state: true },
    _launchError: { state: true },
    _customMessage: { state: true },
    _pythonStage: { state: true },
  };
  declare _pythonStage: RuntimeStage;
  declare _customMessage: { error?: string; warnings?: string[] } | null;
  declare _settings: AppSettings;
  declare _settingsOpen: boolean;
  declare _navOpen: boolean;
  declare _launchError: string | null;

  static override styles = appStyles;

  private readonly python = createPython((stage) => (this._pythonStage = stage));
  /** Where this page load's Python fetches packages from (Settings, Python), for "make available offline". */
  private readonly packages = packageSources();
  private readonly backend = createModelBackend();
  private readonly sessions: SessionController;
  private readonly model: ModelController;
  /** Offline, only fully cached models are offered in the picker. */
  private readonly offline = new OfflineModelsController(this, () => this.model.catalog);

  constructor() {
    super();
    const fallback = this.backend.catalog()[0]!.id;
    this._settings = parseSettings(safeStorageGet(SETTINGS_KEY), fallback);
    this._settingsOpen = false;
    this._navOpen = false;
    this._launchError = null;
    this._customMessage = null;
    this._pythonStage ??= 'idle';
    this.sessions = new SessionController(this, this.python);
    this.model = new ModelController(this, this.backend, this._settings.modelId);
    // No PWA reload (update, isolation) while an answer runs or a model downloads or loads.
    setBusyProbe(() => this.sessions.busy || this.model.state.phase === 'downloading' || this.model.state.phase === 'loading');
    this.addEventListener('r1ci-ask', (e) => void this.ask(e.detail.question));
    this.addEventListener('r1ci-stop', () => this.stop());
    this.addEventListener('r1ci-select-session', (e) => { this.sessions.select(e.detail.id); this._navOpen = false; });
    this.addEventListener('r1ci-delete-session', (e) => void this.sessions.remove(e.detail.id));
    this.addEventListener('r1ci-new-session', () => { this.sessions.select(null); this._navOpen = false; this.focusQuestion(); });
    this.addEventListener('r1ci-play-demo', (e) => { this._navOpen = false; void this.playRecording(demoUrl(e.detail.name, location.href), e.detail.name); });
    this.addEventListener('r1ci-settings-change', (e) => this.applySettings(e.detail));
    this.addEventListener('r1ci-use-example', (e) => this.questionBox?.fill(e.detail.question));
    this.addEventListener('r1ci-model-action', (e) => void this.modelAction(e.detail.action, e.detail.modelId));
    this.addEventListener('r1ci-model-folder', (e) => {
      const d = e.detail;
      if (d.action === 'import') void this.model.importFolder(d.files, d.folderName);
      else this.model.exportFolder(d.directory, d.onProgress).then((paths) => d.done({ paths }), (err: Error) => d.done({ error: err?.message ?? String(err) }));
    });
    this.addEventListener('r1ci-add-custom-model', (e) => this.addCustomModel(e.detail));
    this.addEventListener('r1ci-remove-custom-model', (e) => {
      this.backend.removeCustomModel(e.detail.id);
      if (this._settings.modelId === e.detail.id) this.applySettings({ modelId: this.backend.catalog()[0]!.id, overrides: this._settings.overrides });
      else this.requestUpdate();
    });
    // Escape closes whichever drawer is open (settings, or the conversation list on a narrow screen).
    this.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || (!this._settingsOpen && !this._navOpen)) return;
      this._settingsOpen = false;
      this._navOpen = false;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const launch = parseLaunch(location.href);
    // A shared demo or replay link starts at once, before the saved list has even been read.
    if (launch.kind === 'recording') void this.playRecording(launch.url, launch.name);
    else if (launch.kind === 'error') this._launchError = launch.message;
    void this.sessions.load();
    void this.model.check();
  }

  private get questionBox(): R1ciQuestionBox | null {
    return this.renderRoot.querySelector('r1ci-question-box');
  }

  private focusQuestion(): void {
    void this.updateComplete.then(() => this.questionBox?.fill(this.questionBox.value));
  }

  private async ask(question: string): Promise<void> {
    const choice = this.model.choice;
    const target: RunTarget = {
      kind: 'model',
      modelId: choice.id,
      label: choice.displayName,
      protocol: effectiveProtocol(choice.protocol, this._settings.overrides),
      getEngine: (signal) => this.model.getEngine(signal),
    };
    await this.sessions.ask(question, target);
    notifyIdle();
  }

  private async playRecording(url: string, name: string): Promise<void> {
    // Recordings are R1-CI sessions: they run under R1-CI's protocol with the user's loop settings.
    await this.sessions.ask('', { kind: 'recording', url, name, protocol: effectiveProtocol(R1CI_3B, this._settings.overrides) });
    notifyIdle();
  }

  private stop(): void {
    this.sessions.stop();
    this.model.cancel();
  }

  private applySettings(settings: AppSettings): void {
    this._settings = settings;
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
    } catch {
      /* storage refused (private mode): settings last for this visit */
    }
    void this.model.choose(settings.modelId);
  }

  private addCustomModel(input: { weightsUrl: string; modelLibUrl: string; displayName?: string }): void {
    try {
      const { id, warnings } = this.backend.addCustomModel(input);
      this._customMessage = { warnings };
      this.applySettings({ modelId: id, overrides: this._settings.overrides });
    } catch (err) {
      this._customMessage = { error: (err as Error)?.message ?? String(err) };
    }
  }

  private async modelAction(action: string, modelId?: string): Promise<void> {
    if (action === 'choose' && modelId) return this.applySettings({ modelId, overrides: this._settings.overrides });
    if (action === 'download') return this.model.download();
    if (action === 'pause') return this.model.pause();
    if (action === 'delete') return this.model.remove();
    if (action === 'retry') return this.model.check();
    if (action === 'load') await this.model.getEngine(new AbortController().signal).catch(() => {});
  }

  /** What the question box says, given what stands between the user and a live model. */
  private placeholder(): string {
    switch (this.model.state.phase) {
      case 'ready':
      case 'cached':
        return 'Ask a question…';
      case 'no-webgpu':
        return 'This browser cannot run the model: play a recorded demo instead';
      case 'checking':
        return 'Checking what this browser can run…';
      case 'loading':
        return 'The model is loading…';
      case 'error':
        return 'The model could not start (see above): play a recorded demo meanwhile';
      default:
        return 'Download a model to ask your own questions, or play a recorded demo';
    }
  }

  /** Catalog entries with known file locations, for the storage panel (same array while the catalog is unchanged). */
  private storageModels() {
    const catalog = this.model.catalog;
    if (catalog !== this.lastCatalog) {
      this.lastCatalog = catalog;
      this.lastStorageModels = catalog.flatMap((c) => (c.weightsUrl && c.modelLibUrl ? [{ id: c.id, displayName: c.displayName, weightsUrl: c.weightsUrl, modelLibUrl: c.modelLibUrl }] : []));
    }
    return this.lastStorageModels;
  }
  private lastCatalog: unknown = null;
  private lastStorageModels: { id: string; displayName: string; weightsUrl: string; modelLibUrl: string }[] = [];

  /** True while the view follows streamed text: cleared when the user scrolls up to read, set again at the bottom. */
  private following = true;
  private wasBusy = false;
  private readonly onScroll = (event: Event) => {
    const el = event.target as HTMLElement;
    this.following = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  };

  override firstUpdated(): void {
    this.renderRoot.querySelector('.scroll')?.addEventListener('scroll', this.onScroll, { passive: true });
  }

  override updated(): void {
    // While a session runs (and once more as it ends, for the answer card) keep its end in view, unless
    // the user scrolled up. The session's own elements render after this one, hence the next frame.
    const busy = this.sessions.busy;
    if (busy && !this.wasBusy) this.following = true;
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroll');
    if (scroller && (busy || this.wasBusy) && this.following) {
      requestAnimationFrame(() => (scroller.scrollTop = scroller.scrollHeight));
    }
    this.wasBusy = busy;
  }

  override render() {
    // ?view=benchmark: the Benchmark view (its code loads on first use), given the model when one can run.
    if (new URLSearchParams(location.search).get('view') === 'benchmark') {
      void import('./r1ci-benchmark-view');
      const m = this.model;
      const model = m.canRunModel ? { label: m.choice.displayName, protocol: effectiveProtocol(m.choice.protocol, this._settings.overrides), getEngine: (signal: AbortSignal) => m.getEngine(signal) } : null;
      return html`<r1ci-benchmark-view .model=${model}></r1ci-benchmark-view>`;
    }
    const session = this.sessions.selected;
    const stage = this.sessions.busy ? this.sessions.stage : 'idle';
    const canAsk = this.model.canRunModel;
    const choice = this.model.choice;
    return html`
      <header class="top">
        <button class="nav-toggle" aria-expanded=${this._navOpen} aria-controls="nav" @click=${() => (this._navOpen = !this._navOpen)} aria-label="Conversations and demos">☰</button>
        <h1><span class="full">R1-Code-Interpreter</span><span class="short" aria-hidden="true">R1-CI</span> <span class="muted">in your browser</span></h1>
        <a class="bench-link" href="?view=benchmark" data-testid="benchmark-link">Benchmark</a>
        <span class="model-chip" title="Model for new questions">${choice.displayName}${choice.isR1CI || choice.displayName.includes('not R1-CI') ? nothing : html` <span class="fallback">(not R1-CI)</span>`}</span>
        <pwa-status-badge></pwa-status-badge><pwa-install-button></pwa-install-button>
        <button class="settings-toggle" aria-expanded=${this._settingsOpen} aria-controls="settings" @click=${() => (this._settingsOpen = !this._settingsOpen)}>Settings</button>
      </header>
      <div class="body">
        <nav id="nav" class=${this._navOpen ? 'open' : ''} aria-label="Conversations and demos">
          <r1ci-conversation-list .sessions=${this.sessions.sessions} .selectedId=${this.sessions.selectedId} .revision=${this.sessions.revision}></r1ci-conversation-list>
          <r1ci-demo-picker ?disabled=${this.sessions.busy}></r1ci-demo-picker>
        </nav>
        <main>
          <div class="scroll">
            ${this._launchError ? html`<p class="launch-error" role="alert">${this._launchError}</p>` : nothing}
            ${session
              ? html`<r1ci-session-view .session=${session} .revision=${this.sessions.revision} .stage=${session.status === 'running' ? stage : 'idle'} .pythonStage=${this._pythonStage} .runnableLanguages=${R1CI_3B.fence.runnableLanguages}></r1ci-session-view>`
              : html`<div class="welcome">
                  <r1ci-model-status .state=${this.model.state} .gpu=${this.model.gpu} .choice=${choice} .fit=${this.model.fit} .fallbacks=${this.model.catalog.filter((c) => !c.isR1CI)}></r1ci-model-status>
                  ${canAsk ? nothing : html`<r1ci-demo-picker class="inline-demos" ?disabled=${this.sessions.busy}></r1ci-demo-picker>`}
                  <p class="intro">Ask a question: the model reasons, writes Python, runs it here in your browser, reads the output and answers. Nothing leaves your machine.</p>
                  <r1ci-example-questions ?disabled=${!canAsk}></r1ci-example-questions>
                </div>`}
          </div>
          <div class="composer">
            <!-- A failed save is said beside the question box: streamed text scrolls the top of the view away. -->
            ${this.sessions.storeError ? html`<p class="launch-error store-error" role="alert">${this.sessions.storeError}</p>` : nothing}
            ${session && this.model.state.phase === 'loading' ? html`<r1ci-model-status .state=${this.model.state} .choice=${choice}></r1ci-model-status>` : nothing}
            <r1ci-question-box .stage=${stage} ?disabled=${!canAsk} placeholder=${this.placeholder()}></r1ci-question-box>
          </div>
        </main>
        <aside id="settings" ?hidden=${!this._settingsOpen} aria-label="Settings">
          <r1ci-settings-panel .settings=${this._settings} .catalog=${this.offline.offered(this.model.modelId)} .customMessage=${this._customMessage} ?disabled=${this.sessions.busy}></r1ci-settings-panel>
          ${this._settingsOpen
            ? html`<h2 class="aside-heading">Storage</h2>
                <pwa-storage-panel .models=${this.storageModels()}></pwa-storage-panel>
                <pwa-offline-packages .lockUrl=${this.packages.lockUrl} .packageBaseUrl=${this.packages.packageBaseUrl}></pwa-offline-packages>`
            : nothing}
        </aside>
      </div>
    `;
  }
}

function safeStorageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

customElements.define('r1ci-app', R1ciApp);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-app': R1ciApp;
  }
}
