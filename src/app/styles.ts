import { css } from 'lit';

/** Styles shared by the app's elements: colours as custom properties (set on the root), buttons, badges. */
export const sharedStyles = css`
  :host { box-sizing: border-box; }
  *, *::before, *::after { box-sizing: inherit; }
  button {
    font: inherit; font-size: 0.9rem; padding: 0.35rem 0.75rem; border-radius: 6px; cursor: pointer;
    border: 1px solid var(--border); background: var(--surface); color: var(--text);
  }
  button:hover:not(:disabled) { background: var(--surface-hover); }
  button:disabled { opacity: 0.5; cursor: default; }
  button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
  button.primary:hover:not(:disabled) { background: var(--accent-hover); }
  button.danger { border-color: var(--danger); color: var(--danger); }
  button.link { border: none; background: none; padding: 0; color: var(--link); text-decoration: underline; }
  :focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
  a { color: var(--link); }
  .badge {
    display: inline-block; font-size: 0.75rem; font-weight: 600; padding: 0.1rem 0.45rem; border-radius: 999px;
    border: 1px solid currentColor; white-space: nowrap;
  }
  .badge.recording { color: var(--recording); background: var(--recording-bg); }
  .muted { color: var(--muted); }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
    clip: rect(0 0 0 0); border: 0; white-space: nowrap;
  }
`;
