import { css } from 'lit';
import { sharedStyles } from '../styles';

/** The root layout: a header, a sidebar (a drawer below 900px), the session with the question box, settings. */
export const appStyles = [
  sharedStyles,
  css`
    :host {
      --bg: #f6f7f9; --surface: #ffffff; --surface-2: #eef1f5; --surface-hover: #e4e9f0; --border: #d3d9e1;
      --text: #1b1f24; --muted: #5b6573; --accent: #2457c5; --accent-hover: #1b47a6; --accent-text: #fff;
      --link: #1f56c4; --focus: #f59e0b; --danger: #b42318; --warning: #9a5b00; --ok: #1f7a3d;
      --answer: #1f7a3d; --answer-bg: #effaf2; --recording: #8a3ffc; --recording-bg: #f4efff;
      --code-bg: #f3f5f8; --hl-keyword: #8b2bb9; --hl-string: #0a7d3b; --hl-number: #b45309; --hl-title: #1f56c4;
      --mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      display: flex; flex-direction: column; height: 100vh; height: 100dvh; background: var(--bg); color: var(--text);
      font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; font-size: 15px;
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --bg: #111418; --surface: #1a1e24; --surface-2: #232830; --surface-hover: #2b313a; --border: #3a414c;
        --text: #e6e9ee; --muted: #9aa4b2; --accent: #5b8def; --accent-hover: #6f9cf2; --accent-text: #0b0e12;
        --link: #8ab0ff; --danger: #ff6b5e; --warning: #e0a43a; --ok: #4ccb78; --answer: #4ccb78; --answer-bg: #13261a;
        --recording: #b48cff; --recording-bg: #221a33; --code-bg: #15191f; --hl-keyword: #d08cff; --hl-string: #7fd89b;
        --hl-number: #f0b46a; --hl-title: #8ab0ff;
      }
    }
    .top { display: flex; align-items: center; gap: 0.7rem; padding: 0.4rem 0.9rem; border-bottom: 1px solid var(--border); background: var(--surface); }
    h1 { font-size: 1rem; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; flex: none; }
    h1 .short { display: none; }
    .model-chip { margin-left: auto; font-size: 0.8rem; color: var(--muted); white-space: nowrap; }
    .fallback { color: var(--warning); }
    .nav-toggle { display: none; }
    .body { flex: 1; display: flex; min-height: 0; }
    nav { width: 260px; flex: none; overflow-y: auto; padding: 0.7rem; border-right: 1px solid var(--border); background: var(--surface); }
    main { flex: 1; min-width: 0; display: flex; flex-direction: column; }
    .scroll { flex: 1; overflow-y: auto; padding: 1rem clamp(0.7rem, 3vw, 2rem); }
    .scroll > * { max-width: 52rem; margin-left: auto; margin-right: auto; }
    .composer { border-top: 1px solid var(--border); background: var(--surface); padding: 0.6rem clamp(0.7rem, 3vw, 2rem) 0.3rem; }
    .composer > * { max-width: 52rem; margin: 0 auto 0.4rem; }
    aside { width: 300px; flex: none; overflow-y: auto; padding: 0.8rem; border-left: 1px solid var(--border); background: var(--surface); }
    aside[hidden] { display: none; }
    .aside-heading { font-size: 1rem; margin: 1rem 0 0.5rem; }
    .welcome { display: flex; flex-direction: column; gap: 1rem; }
    .intro { margin: 0; color: var(--muted); }
    /* The sidebar lists the demos on wide screens; below 900px it is a drawer, so they show here too. */
    .inline-demos { margin-top: -0.6rem; display: none; }
    .launch-error { color: var(--danger); border: 1px solid var(--danger); border-radius: 8px; padding: 0.5rem 0.7rem; }
    .store-error { font-size: 0.85rem; max-height: 6rem; overflow-y: auto; }
    @media (max-width: 900px) {
      .nav-toggle { display: inline-block; }
      h1 .muted { display: none; }
      /* Screen readers still read the full name; the eye gets the short one. */
      h1 .full { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      h1 .short { display: inline; }
      .model-chip { overflow: hidden; text-overflow: ellipsis; min-width: 0; }
      nav { position: absolute; z-index: 10; top: 2.7rem; bottom: 0; left: 0; box-shadow: 2px 0 12px rgb(0 0 0 / 0.2); display: none; }
      nav.open { display: block; }
      .inline-demos { display: block; }
      aside { position: absolute; z-index: 10; top: 2.7rem; bottom: 0; right: 0; box-shadow: -2px 0 12px rgb(0 0 0 / 0.2); }
    }
  `,
];
