/**
 * Characters that change how text looks without being seen: bidi overrides and isolates (U+202A-202E,
 * U+2066-2069, marks U+200E/200F, U+061C), zero-width characters (U+200B-200D, U+2060, U+FEFF), lone
 * UTF-16 surrogates and C0 control characters other than tab and newline (NUL, the ESC of terminal
 * escapes). A final answer carrying one can read differently from what it is ("‮42 = x" shown
 * reversed) or compare unequal to what it shows. The answer card shows each as a visible mark instead.
 * Pure, so it is tested in Node.
 */

const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with each hidden character replaced by a visible "⟨U+XXXX⟩", and how many there were. */
export function revealHiddenCharacters(text: string): { text: string; hidden: number } {
  let hidden = 0;
  const shown = text.replace(HIDDEN, (c) => {
    hidden++;
    return `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`;
  });
  return { text: shown, hidden };
}
