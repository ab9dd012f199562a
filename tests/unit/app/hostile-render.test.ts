import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { MAX_MARKDOWN_NESTING, markdownTooComplex } from '../../../src/app/render/markdown-limits';
import { revealHiddenCharacters } from '../../../src/app/render/hidden-chars';

// The app's parser settings (render/markdown.ts), without the DOM half (DOMPurify needs a document).
const marked = new Marked({ gfm: true, breaks: false, async: false });
const parses = (text: string) => {
  try {
    marked.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Texts a hostile model could write that make marked throw (stack overflow) when parsed. */
const BREAKS_THE_PARSER: [string, string][] = [
  ['10k nested quotes', '>'.repeat(10_000) + ' x'],
  ['2k nested quotes with spaces', '> '.repeat(2_000) + 'x'],
  ['10k list markers on one line', '- '.repeat(10_000) + 'x'],
  ['9k emphasis stars', '*'.repeat(9_000) + 'x' + '*'.repeat(9_000)],
];

describe('markdownTooComplex', () => {
  it.each(BREAKS_THE_PARSER)('catches %s, which the parser cannot take', (_name, text) => {
    // The premise: marked really fails on it (if a new marked stops failing, the guard is merely cautious).
    expect(parses(text)).toBe(false);
    expect(markdownTooComplex(text)).toBe(true);
  });

  it('catches nesting by indentation and by numbered items', () => {
    expect(markdownTooComplex(Array.from({ length: 400 }, (_, i) => '  '.repeat(i) + '- x').join('\n'))).toBe(true);
    expect(markdownTooComplex('1. '.repeat(MAX_MARKDOWN_NESTING + 1) + 'x')).toBe(true);
  });

  it('lets ordinary model prose through, nesting and emphasis included', () => {
    const ordinary = [
      'To obtain 24, **try** every pair; *then* recurse.\n\n> a quote\n> > nested once',
      '- a\n  - b\n    - c\n      - d\n\n1. one\n2. two',
      'A [link](https://example.org/) and `code` and ~~struck~~ and __bold__.',
      '> '.repeat(MAX_MARKDOWN_NESTING - 1) + 'deep but allowed',
      'x'.repeat(19_000),
    ];
    for (const text of ordinary) {
      expect(markdownTooComplex(text)).toBe(false);
      expect(parses(text)).toBe(true);
    }
  });

  it('whatever it lets through at the nesting limit, the parser takes', () => {
    for (const marker of ['>', '> ', '- ', '* ', '1. ']) expect(parses(marker.repeat(MAX_MARKDOWN_NESTING) + 'x')).toBe(true);
    expect(parses('*'.repeat(200) + 'x' + '*'.repeat(200))).toBe(true);
  });
});

describe('revealHiddenCharacters', () => {
  it('shows bidi overrides and zero-width characters as visible marks, and counts them', () => {
    const spoof = '\u202Eyrtne 42 = x\u202C\u200B\u200D\uFEFF\u2066a\u2069';
    const { text, hidden } = revealHiddenCharacters(spoof);
    expect(hidden).toBe(7);
    expect(text).toBe('⟨U+202E⟩yrtne 42 = x⟨U+202C⟩⟨U+200B⟩⟨U+200D⟩⟨U+FEFF⟩⟨U+2066⟩a⟨U+2069⟩');
    expect(text).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    expect(revealHiddenCharacters('((1+2)*(2+6)) — déjà vu 👍🏽')).toEqual({ text: '((1+2)*(2+6)) — déjà vu 👍🏽', hidden: 0 });
  });

  it('marks lone surrogates, NUL and terminal escapes too', () => {
    const { text, hidden } = revealHiddenCharacters('a\uD800b\u0000c\u001b[2Jd');
    expect(hidden).toBe(3);
    expect(text).toBe('a⟨U+D800⟩b⟨U+0000⟩c⟨U+001B⟩[2Jd');
  });
});
