import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { emit } from '../app-events';
import type { Session } from '../state/session';
import { sessionTitle } from '../store/serialize';
import { sharedStyles } from '../styles';

const STATUS_LABEL: Partial<Record<Session['status'], string>> = {
  running: 'running',
  stopped: 'stopped',
  error: 'failed',
  interrupted: 'interrupted',
};

/** The saved conversations, newest first: select one to view it, delete one, or start a new question. */
export class R1ciConversationList extends LitElement {
  static override properties = {
    sessions: { attribute: false },
    selectedId: { type: String },
    revision: { type: Number },
  };
  declare sessions: Session[];
  declare selectedId: string | null;
  declare revision: number;

  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      h2 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 0.9rem 0 0.4rem; }
      ul { list-style: none; margin: 0; padding: 0; }
      li { display: flex; align-items: stretch; border-radius: 6px; }
      li[aria-current='true'] { background: var(--surface-hover); }
      .open { flex: 1; min-width: 0; text-align: left; border: none; background: none; padding: 0.35rem 0.45rem; display: flex; flex-direction: column; gap: 0.1rem; }
      .title { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 0.85rem; }
      .meta { font-size: 0.7rem; color: var(--muted); display: flex; flex-wrap: wrap; gap: 0.1rem 0.3rem; align-items: center; }
      .meta .interrupted, .meta .failed { color: var(--danger); }
      .delete { border: none; background: none; color: var(--muted); padding: 0 0.4rem; font-size: 1rem; }
      .delete:hover { color: var(--danger); }
      .empty { font-size: 0.8rem; }
      .new { width: 100%; }
    `,
  ];

  constructor() {
    super();
    this.sessions = [];
    this.selectedId = null;
    this.revision = 0;
  }

  override render() {
    return html`
      <button class="new primary" @click=${() => emit(this, 'r1ci-new-session', undefined)}>New question</button>
      <h2 id="conv-heading">Conversations</h2>
      ${this.sessions.length === 0 ? html`<p class="empty muted">Nothing yet. Ask a question or play a demo.</p>` : nothing}
      <ul aria-labelledby="conv-heading" data-testid="conversation-list">
        ${repeat(this.sessions, (s) => s.id, (s) => this.renderItem(s))}
      </ul>
    `;
  }

  private renderItem(s: Session) {
    const title = sessionTitle(s);
    const status = STATUS_LABEL[s.status];
    return html`
      <li aria-current=${s.id === this.selectedId ? 'true' : 'false'}>
        <button class="open" @click=${() => emit(this, 'r1ci-select-session', { id: s.id })} aria-label="Open: ${title}">
          <span class="title">${title}</span>
          <span class="meta">
            ${s.source.kind === 'recording' ? html`<span class="badge recording">Recording</span>` : nothing}
            ${status ? html`<span class=${status}>${status}</span>` : nothing}
            <span>${new Date(s.createdAt).toLocaleString()}</span>
          </span>
        </button>
        <button class="delete" aria-label="Delete: ${title}" title="Delete" @click=${() => emit(this, 'r1ci-delete-session', { id: s.id })}>×</button>
      </li>
    `;
  }
}

customElements.define('r1ci-conversation-list', R1ciConversationList);

declare global {
  interface HTMLElementTagNameMap {
    'r1ci-conversation-list': R1ciConversationList;
  }
}
