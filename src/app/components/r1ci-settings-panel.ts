import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { emit } from '../app-events';
import type { ModelChoice } from '../services/model-backend';
import { SETTING_LIMITS, clampSetting, defaultValues, normaliseOverrides, type AppSettings, type SettingKey } from '../state/settings';
import { sharedStyles } from '../styles';
import './r1ci-python-settings';

const FIELDS: { key: SettingKey; label: string; unit?: string; help: string }[] = [
  { key: 'temperature', label: 'Temperature', help: 'Randomness of sampling; the paper used 0.6.' },
  { key: 'maxNewTokens', label: 'Token budget', unit: 'tokens', help: 'New tokens for the whole question, all rounds together.' },
  { key: 'maxCodeCalls', label: 'Code-call cap', unit: 'runs', help: 'Most Python blocks run per question.' },
  { key: 'timeLimitSeconds', label: 'Time limit per script', unit: 's', help: 'A script still running after this is stopped.' },
];

/**
 * Model picker and loop settings. Every field shows the model protocol's default; only values that
 * differ from it are kept, and "Reset" drops them all.
 */
export class R1ciSettingsPanel extends LitElement {
  static override properties = {
    settings: { attribute: false },
    catalog: { attribute: false },
    disabled: { type: Boolean },
    customMessage: { attribute: false },
  };
  /** Result of the last "add custom model": an error to fix, or warnings worth knowing. */
  declare customMessage: { error?: string; warnings?: string[] } | null;
  declare settings: AppSettings;
  declare catalog: ModelChoice[];
  declare disabled: boolean;

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      h2 { font-size: 1rem; margin: 0 0 0.6rem; }
      /* min-width 0: a fieldset is min-content wide by default, and long model names would push it off the panel. */
      fieldset { border: 1px solid var(--border); border-radius: 8px; margin: 0 0 0.8rem; padding: 0.5rem 0.7rem; min-width: 0; }
      legend { font-size: 0.8rem; font-weight: 600; }
      .model { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: flex-start; padding: 0.25rem 0; font-size: 0.85rem; }
      .model > span { flex: 1; min-width: 0; overflow-wrap: anywhere; }
      .model .link { margin-left: 1.4rem; font-size: 0.8rem; }
      .model small { display: block; color: var(--muted); }
      .fallback { color: var(--warning); font-weight: 600; }
      .field { display: grid; grid-template-columns: 1fr 6.5rem; gap: 0.1rem 0.5rem; align-items: center; margin: 0.45rem 0; font-size: 0.85rem; }
      .field input { font: inherit; width: 100%; padding: 0.25rem 0.4rem; border: 1px solid var(--border); border-radius: 5px; background: var(--surface); color: var(--text); }
      .field small { grid-column: 1 / -1; color: var(--muted); font-size: 0.72rem; }
      .changed { font-weight: 600; }
      .custom { margin-top: 0.5rem; font-size: 0.85rem; }
      .custom summary { cursor: pointer; color: var(--link); }
      .custom form { display: flex; flex-direction: column; gap: 0.35rem; margin-top: 0.4rem; }
      .custom label { display: flex; flex-direction: column; gap: 0.1rem; font-size: 0.8rem; }
      .custom input { font: inherit; padding: 0.25rem 0.4rem; border: 1px solid var(--border); border-radius: 5px; background: var(--surface); color: var(--text); }
      .custom button { align-self: flex-start; }
      .error { color: var(--danger); }
    `,
  ];

  constructor() {
    super();
    this.settings = { modelId: '', overrides: {} };
    this.catalog = [];
    this.disabled = false;
    this.customMessage = null;
  }

  private get choice(): ModelChoice | undefined {
    return this.catalog.find((c) => c.id === this.settings.modelId) ?? this.catalog[0];
  }

  override render() {
    const choice = this.choice;
    if (!choice) return nothing;
    const defaults = defaultValues(choice.protocol);
    const values = { ...defaults, ...this.settings.overrides };
    return html`
      <h2 id="settings-heading">Settings</h2>
      <fieldset ?disabled=${this.disabled}>
        <legend>Model</legend>
        ${this.catalog.map(
          (c) => html`<label class="model">
            <input type="radio" name="model" .value=${c.id} .checked=${c.id === choice.id} @change=${() => this.change({ modelId: c.id, overrides: this.settings.overrides })} />
            <span>${c.displayName} ${c.isR1CI || c.displayName.includes('not R1-CI') ? nothing : html`<span class="fallback">(fallback, not R1-CI)</span>`}
              ${c.detail ? html`<small>${c.detail}</small>` : nothing}</span>
            ${c.isCustom ? html`<button class="link" aria-label="Remove ${c.displayName} from the list" @click=${(e: Event) => { e.preventDefault(); emit(this, 'r1ci-remove-custom-model', { id: c.id }); }}>Remove</button>` : nothing}
          </label>`,
        )}
        ${this.renderCustomForm()}
      </fieldset>
      <fieldset ?disabled=${this.disabled}>
        <legend>Loop (defaults from the ${choice.protocol.displayName} protocol)</legend>
        ${FIELDS.map((f) => {
          const limit = SETTING_LIMITS[f.key];
          const changed = this.settings.overrides[f.key] !== undefined;
          return html`<div class="field">
            <label for=${f.key} class=${changed ? 'changed' : ''}>${f.label}${f.unit ? ` (${f.unit})` : ''}</label>
            <input id=${f.key} type="number" min=${limit.min} max=${limit.max} step=${limit.step} .value=${live(String(values[f.key]))}
              aria-describedby="${f.key}-help" @change=${(e: Event) => this.setValue(f.key, (e.target as HTMLInputElement).valueAsNumber)} />
            <small id="${f.key}-help">${f.help} Default ${defaults[f.key]}.</small>
          </div>`;
        })}
        <button @click=${() => this.change({ modelId: choice.id, overrides: {} })} ?disabled=${Object.keys(this.settings.overrides).length === 0}>Reset to protocol defaults</button>
      </fieldset>
      <r1ci-python-settings ?disabled=${this.disabled}></r1ci-python-settings>
    `;
  }

  private renderCustomForm() {
    const m = this.customMessage;
    return html`<details class="custom" ?open=${Boolean(m?.error)}>
      <summary>Add a custom model (any MLC folder)</summary>
      <form @submit=${this.addCustom}>
        <label>Model folder URL <input name="weightsUrl" type="text" inputmode="url" required placeholder="https://…/Qwen2.5-3B-Instruct-q4f32_1-MLC/" /></label>
        <label>Model library URL (.wasm) <input name="modelLibUrl" type="text" inputmode="url" required placeholder="https://…-webgpu.wasm" /></label>
        <label>Name (optional) <input name="displayName" type="text" /></label>
        <button type="submit">Add</button>
      </form>
      ${m?.error ? html`<p class="error" role="alert">${m.error}</p>` : nothing}
      ${m?.warnings?.length ? html`<p class="muted" role="note">${m.warnings.join(' ')}</p>` : nothing}
    </details>`;
  }

  private addCustom(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    emit(this, 'r1ci-add-custom-model', { weightsUrl: text('weightsUrl'), modelLibUrl: text('modelLibUrl'), ...(text('displayName') ? { displayName: text('displayName') } : {}) });
  }

  private setValue(key: SettingKey, value: number): void {
    const choice = this.choice;
    if (!choice) return;
    const overrides = { ...this.settings.overrides };
    const clamped = clampSetting(key, value);
    if (clamped === undefined) delete overrides[key];
    else overrides[key] = clamped;
    this.change({ modelId: choice.id, overrides: normaliseOverrides(overrides, choice.protocol) });
  }

  private change(settings: AppSettings): void {
    emit(this, 'r1ci-settings-change', settings);
  }
}

customElements.define('r1ci-settings-panel', R1ciSettingsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-settings-panel': R1ciSettingsPanel;
  }
}
