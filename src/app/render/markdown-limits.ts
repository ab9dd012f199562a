/**
 * Shapes of text the markdown parser cannot take. marked parses nesting by recursion: about 2,000
 * nested `>` quotes, a line of thousands of `- ` list markers or a run of thousands of `*` make it throw
 * "Maximum call stack size exceeded" after up to a second of work, and while text streams the last block
 * is parsed again on every frame. Such a block is shown as plain text instead. Pure (no DOM), so it is
 * tested in Node.
 */

/** Deeper than this many nested quote or list markers at a line's start, a block is not parsed. */
export const MAX_MARKDOWN_NESTING = 100;
/** Longer than this run of one emphasis or bracket character, a block is not parsed. */
export const MAX_MARKDOWN_DELIMITER_RUN = 200;

// Container markers at the start of a line: ">" quotes, "-", "*", "+" bullets and "1." / "1)" items,
// each optionally followed by spaces. Counted, not matched whole, so the scan stays linear.
const CONTAINER_MARKER = /\s*(?:>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$))/y;
// Indentation is nesting too (a list item indented under another), four columns per level at most.
const LEADING_SPACE = /^[ \t]*/;

/** True when `block` is nested deeper or has longer delimiter runs than the parser can take. */
export function markdownTooComplex(block: string): boolean {
  return maxNesting(block) > MAX_MARKDOWN_NESTING || longestDelimiterRun(block) > MAX_MARKDOWN_DELIMITER_RUN;
}

function maxNesting(block: string): number {
  let deepest = 0;
  let start = 0;
  while (start <= block.length) {
    let end = block.indexOf('\n', start);
    if (end === -1) end = block.length;
    const line = block.slice(start, end);
    let depth = Math.floor(LEADING_SPACE.exec(line)![0].replace(/\t/g, '    ').length / 2);
    CONTAINER_MARKER.lastIndex = 0;
    while (CONTAINER_MARKER.exec(line)) {
      depth++;
      if (depth > MAX_MARKDOWN_NESTING) return depth;
    }
    deepest = Math.max(deepest, depth);
    start = end + 1;
  }
  return deepest;
}

function longestDelimiterRun(block: string): number {
  let longest = 0;
  let run = 0;
  let previous = '';
  for (let i = 0; i < block.length; i++) {
    const c = block[i]!;
    if ((c === '*' || c === '_' || c === '[' || c === ']' || c === '~') && c === previous) run++;
    else run = c === '*' || c === '_' || c === '[' || c === ']' || c === '~' ? 1 : 0;
    previous = c;
    if (run > longest) longest = run;
  }
  return longest;
}
