/**
 * Model text is full of arithmetic: `(1+2)*(2+6)` and `3*8` would turn into italics under markdown's
 * emphasis rules and the asterisks would vanish. A `*` between a word character or closing bracket and a
 * word character or opening bracket is escaped, so it shows as written; `**bold**` and ` *italic* `
 * (with spaces or punctuation outside) stay emphasis. Code spans and fenced blocks are left alone.
 */
const ARITHMETIC_STAR = /(?<=[\w)\]])\*(?=[\w(\[])/g;

export function protectArithmetic(text: string): string {
  if (!text.includes('*')) return text;
  let inFence = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        inFence = !inFence;
        return line;
      }
      if (inFence) return line;
      // Odd pieces are code spans (`...`), kept verbatim.
      return line
        .split(/(`+[^`]*`+)/)
        .map((piece, i) => (i % 2 === 1 ? piece : piece.replace(ARITHMETIC_STAR, '\\*')))
        .join('');
    })
    .join('\n');
}
