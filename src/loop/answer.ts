/**
 * The final answer is the last `<<<...>>>` (spanning lines allowed) in the model's own text: never in
 * execution results (callers pass only the model's text) and never inside a fenced code block (a script
 * that prints `<<<x>>>` has not answered; the model must say it).
 */
export interface AnswerMarkers {
  open: string;
  close: string;
}

const DEFAULT_MARKERS: AnswerMarkers = { open: '<<<', close: '>>>' };

/** The last answer in `modelText`, without its markers and surrounding whitespace; null when there is none. */
export function extractAnswer(modelText: string, markers: AnswerMarkers = DEFAULT_MARKERS): string | null {
  const prose = stripFencedCode(modelText);
  const end = prose.lastIndexOf(markers.close);
  if (end < 0) return null;
  // The matching opener is the last one before the closer (`<<<<a>>>` yields `a`, like a lazy regex from the right).
  const start = prose.lastIndexOf(markers.open, end - markers.open.length);
  if (start < 0) return null;
  return prose.slice(start + markers.open.length, end).trim();
}

/**
 * Replaces fenced code blocks (``` lines and everything between them) with a newline, so markers in code
 * cannot be taken for an answer and an answer cannot span into code. An unclosed block runs to the end.
 */
export function stripFencedCode(text: string): string {
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  let inFence = false;
  for (const line of lines) {
    if (/^\s*```/.test(line)) {
      // A line that is just ``` closes a block; ```lang (or ``` inside a block followed by text) opens/keeps one.
      if (inFence) { if (/^\s*```\s*$/.test(line)) inFence = false; }
      else inFence = true;
      kept.push('');
      continue;
    }
    kept.push(inFence ? '' : line);
  }
  return kept.join('\n');
}

/**
 * The model's own text of a session, for answer extraction: each round's kept text, on lines of its own
 * (a round that ended on a closing fence is followed by results, never by more of the same line).
 */
export function modelTextOf(rounds: { generated: string }[]): string {
  return rounds.map((r) => r.generated).join('\n');
}
