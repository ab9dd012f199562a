import { LitElement, css, html, nothing } from 'lit';
import { revealHiddenCharacters } from '../render/hidden-chars';
import { sharedStyles } from '../styles';

/**
 * The final answer, as text (never HTML), with a copy button; a recording's answer is labelled as such.
 * Characters that would change how it reads unseen (bidi overrides, zero-width, controls) are shown as
 * visible marks, with a note saying so: the card must show what the answer is.
 */
export class R1ciAnswerCard extends LitElement {
  static override properties = {
    answer: { type: String },
    recording: { type: Boolean },
    _copied: { state: true },
  };
  declare answer: string;
  declare recording: boolean;
  declare _copied: boolean;

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; border: 2px solid var(--answer); border-radius: 10px; padding: 0.7rem 0.9rem; background: var(--answer-bg); }
      header { display: flex; align-items: center; gap: 0.5rem; margin-bottom: 0.35rem; }
      h3 { margin: 0; font-size: 0.95rem; color: var(--answer); }
      .answer { font-family: var(--mono); font-size: 1.05rem; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 20rem; overflow-y: auto; }
      button { margin-left: auto; }
      .hidden-note { margin: 0.35rem 0 0; font-size: 0.85rem; color: var(--danger); }
    `,
  ];

  constructor() {
    super();
    this.answer = '';
    this.recording = false;
    this._copied = false;
  }

  override render() {
    const shown = revealHiddenCharacters(this.answer);
    return html`
      <section role="region" aria-label="Final answer">
        <header>
          <h3>Final answer</h3>
          ${this.recording ? html`<span class="badge recording">Recording</span>` : nothing}
          <button @click=${this.copy} aria-label="Copy the answer">${this._copied ? 'Copied' : 'Copy'}</button>
        </header>
        <div class="answer" data-testid="answer">${shown.text}</div>
        ${shown.hidden > 0
          ? html`<p class="hidden-note" data-testid="answer-hidden-note">The answer contains ${shown.hidden} invisible or direction-changing character${shown.hidden === 1 ? '' : 's'}, shown as ⟨U+…⟩.</p>`
          : nothing}
      </section>
    `;
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.answer);
      this._copied = true;
      setTimeout(() => (this._copied = false), 1500);
    } catch {
      /* clipboard refused (insecure context or permission): the text stays selectable */
    }
  }
}

customElements.define('r1ci-answer-card', R1ciAnswerCard);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-answer-card': R1ciAnswerCard;
  }
}
