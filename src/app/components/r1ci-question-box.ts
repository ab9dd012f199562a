import { LitElement, css, html } from 'lit';
import { emit } from '../app-events';
import type { RunStage } from '../controllers/session-controller';
import { sharedStyles } from '../styles';

const STOP_WORDS: Record<RunStage, string> = {
  idle: 'Stop',
  preparing: 'Stop loading',
  generating: 'Stop generating',
  'running-python': 'Stop Python',
};

/**
 * The question box: Enter asks, Shift+Enter adds a line. While a session runs the Ask button becomes a
 * Stop button naming what it stops (loading the model, generating, running Python).
 */
export class R1ciQuestionBox extends LitElement {
  static override properties = {
    stage: { type: String },
    disabled: { type: Boolean },
    placeholder: { type: String },
    value: { type: String },
  };
  declare stage: RunStage;
  declare disabled: boolean;
  declare placeholder: string;
  declare value: string;

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      form { display: flex; gap: 0.5rem; align-items: flex-end; }
      textarea {
        flex: 1; font: inherit; resize: none; min-height: 2.6rem; max-height: 12rem; padding: 0.55rem 0.7rem;
        border: 1px solid var(--border); border-radius: 8px; background: var(--surface); color: var(--text); field-sizing: content;
      }
      button { min-width: 6.5rem; padding: 0.55rem 0.9rem; }
      .hint { font-size: 0.72rem; margin: 0.25rem 0 0; }
    `,
  ];

  constructor() {
    super();
    this.stage = 'idle';
    this.disabled = false;
    this.placeholder = 'Ask a question…';
    this.value = '';
  }

  /** Puts text in the box (an example question) and focuses it. */
  fill(text: string): void {
    this.value = text;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector('textarea')?.focus());
  }

  override render() {
    const busy = this.stage !== 'idle';
    return html`
      <form @submit=${this.onSubmit}>
        <label class="visually-hidden" for="q">Question</label>
        <textarea
          id="q"
          rows="2"
          .value=${this.value}
          placeholder=${this.placeholder}
          aria-describedby="hint"
          @input=${(e: Event) => (this.value = (e.target as HTMLTextAreaElement).value)}
          @keydown=${this.onKeyDown}
        ></textarea>
        ${busy
          ? html`<button type="button" class="danger" data-testid="stop" @click=${() => emit(this, 'r1ci-stop', undefined)}>${STOP_WORDS[this.stage]}</button>`
          : html`<button type="submit" class="primary" data-testid="ask" ?disabled=${this.disabled || this.value.trim() === ''}>Ask</button>`}
      </form>
      <p class="hint muted" id="hint">Enter to ask, Shift+Enter for a new line.</p>
    `;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    this.submit();
  }

  private submit(): void {
    const question = this.value.trim();
    if (!question || this.disabled || this.stage !== 'idle') return;
    emit(this, 'r1ci-ask', { question });
    this.value = '';
  }
}

customElements.define('r1ci-question-box', R1ciQuestionBox);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-question-box': R1ciQuestionBox;
  }
}
