import type { OutputChunk } from '../state/session';

/** Lines of output shown before "Show all": long output would push the conversation off screen. */
export const COLLAPSED_LINES = 30;
export const COLLAPSED_CHARS = 4000;

/** The first lines of output, split across chunks, and how many characters were left out. */
export function collapse(output: OutputChunk[], maxLines = COLLAPSED_LINES, maxChars = COLLAPSED_CHARS): { chunks: OutputChunk[]; hidden: number } {
  const chunks: OutputChunk[] = [];
  let lines = 0;
  let chars = 0;
  let hidden = 0;
  for (const chunk of output) {
    if (lines >= maxLines || chars >= maxChars) {
      hidden += chunk.text.length;
      continue;
    }
    let end = 0;
    while (end < chunk.text.length && lines < maxLines && chars + end < maxChars) {
      if (chunk.text[end] === '\n') lines++;
      end++;
    }
    chunks.push({ stream: chunk.stream, text: chunk.text.slice(0, end) });
    chars += end;
    hidden += chunk.text.length - end;
  }
  return { chunks, hidden };
}

