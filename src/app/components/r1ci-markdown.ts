import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { MAX_MARKDOWN_BLOCK_CHARS, renderMarkdownCached } from '../render/markdown';
import { markdownTooComplex } from '../render/markdown-limits';
import { splitBlocks } from '../render/segments';

/**
 * Model prose as sanitised markdown. The text is split into blocks at blank lines; finished blocks keep
 * their cached HTML and their DOM, so while text streams only the last block is parsed and replaced.
 * A block too large or too deeply nested to parse quickly is shown as plain text. Every HTML string placed here comes from
 * renderMarkdown, which sanitises it.
 */
export class R1ciMarkdown extends LitElement {
  static override properties = { text: { type: String } };
  declare text: string;

  static override styles = css`
    :host { display: block; line-height: 1.55; overflow-wrap: anywhere; }
    .block > :first-child { margin-top: 0; }
    .block > :last-child { margin-bottom: 0; }
    .block + .block { margin-top: 0.7em; }
    .plain { white-space: pre-wrap; }
    pre { background: var(--code-bg); padding: 0.6rem; border-radius: 6px; overflow-x: auto; }
    code { font-family: var(--mono); font-size: 0.9em; }
    table { border-collapse: collapse; }
    td, th { border: 1px solid var(--border); padding: 0.2rem 0.5rem; }
    blockquote { margin-left: 0; padding-left: 0.8rem; border-left: 3px solid var(--border); color: var(--muted); }
    a { color: var(--link); }
    a:not([href]) { color: inherit; text-decoration: underline dotted; }
  `;

  constructor() {
    super();
    this.text = '';
  }

  override render() {
    const blocks = splitBlocks(this.text);
    return repeat(
      blocks,
      (_block, index) => index,
      (block) =>
        block.length > MAX_MARKDOWN_BLOCK_CHARS || markdownTooComplex(block)
          ? html`<div class="block plain">${block}</div>`
          : html`<div class="block">${unsafeHTML(renderMarkdownCached(block))}</div>`,
    );
  }
}

customElements.define('r1ci-markdown', R1ciMarkdown);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-markdown': R1ciMarkdown;
  }
}
