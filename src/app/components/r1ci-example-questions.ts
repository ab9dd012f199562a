import { LitElement, css, html } from 'lit';
import { emit } from '../app-events';
import { sharedStyles } from '../styles';

/** Questions of the kind R1-CI was trained on: the model reasons, writes Python, and answers in <<<...>>>. */
export const EXAMPLE_QUESTIONS: { title: string; question: string }[] = [
  {
    title: 'Make 24',
    question: 'Use the numbers 4, 7, 8, 8 exactly once each with +, -, *, / and parentheses to make 24. Return your answer with format <<<expression>>>.',
  },
  {
    title: 'Digit sum of 2^1000',
    question: 'What is the sum of the digits of 2^1000? Return your answer with format <<<number>>>.',
  },
  {
    title: 'Letters in a word',
    question: 'How many times does the letter "r" appear in the word "strawberry"? Return your answer with format <<<number>>>.',
  },
  {
    title: 'Primes below 1000',
    question: 'How many prime numbers are there below 1000, and what is their sum? Return your answer with format <<<count, sum>>>.',
  },
];

/** Example questions: clicking one puts it in the question box, ready to ask or edit. */
export class R1ciExampleQuestions extends LitElement {
  static override properties = { disabled: { type: Boolean } };
  declare disabled: boolean;

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      h2 { font-size: 0.85rem; margin: 0 0 0.4rem; color: var(--muted); font-weight: 600; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.45rem; }
      button { width: 100%; height: 100%; text-align: left; font-size: 0.82rem; padding: 0.5rem 0.6rem; }
      strong { display: block; margin-bottom: 0.15rem; }
      span { color: var(--muted); }
    `,
  ];

  constructor() {
    super();
    this.disabled = false;
  }

  override render() {
    return html`
      <h2 id="examples-heading">Example questions</h2>
      <ul aria-labelledby="examples-heading">
        ${EXAMPLE_QUESTIONS.map(
          (e) => html`<li><button ?disabled=${this.disabled} @click=${() => emit(this, 'r1ci-use-example', { question: e.question })} aria-label="Use the example question: ${e.title}">
            <strong>${e.title}</strong><span>${e.question.slice(0, 90)}${e.question.length > 90 ? '…' : ''}</span></button></li>`,
        )}
      </ul>
    `;
  }
}

customElements.define('r1ci-example-questions', R1ciExampleQuestions);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-example-questions': R1ciExampleQuestions;
  }
}
