/**
 * Turns a benchmark response into the model's own text, the only place an answer may come from.
 *
 * Two shapes are accepted:
 * - the loop's structured form: an object with `rounds: [{generated, code, result}]` (a LoopOutcome) or
 *   the bare rounds array. Only `generated` is the model's; rounds are joined with newlines (see modelTextOf).
 * - a string: the transcript, possibly holding the harness's execution results. Results segments are
 *   removed by the heuristic in `stripExecutionResults`.
 * Anything else (null, a number, an object without rounds or transcript) has no model text: "".
 */
import { modelTextOf } from '../loop/answer';

/** What the harness writes before a program's output (the protocol's results prefix, without its newline). */
export const RESULTS_MARKER = 'Code Execution Results: ';

export function modelText(response: unknown): string {
  if (typeof response === 'string') return stripExecutionResults(response);
  const rounds = Array.isArray(response) ? response : roundsOf(response);
  if (rounds) {
    // Joined as the loop joins them: a round cut after its closing fence must not run into the next one.
    const generated = rounds.filter((r): r is { generated: string } => isObject(r) && typeof r.generated === 'string');
    return modelTextOf(generated);
  }
  if (isObject(response) && typeof response.transcript === 'string') return stripExecutionResults(response.transcript);
  return '';
}

function roundsOf(response: unknown): unknown[] | null {
  return isObject(response) && Array.isArray(response.rounds) ? response.rounds : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Removes every execution-results segment from a transcript string.
 *
 * A segment starts where `Code Execution Results: ` opens a line that follows a closing code fence (only
 * blank lines between). The string form carries no explicit end, so the segment is taken to run to the
 * first blank line after it, or to the next line opening a code fence, or to the end of the text. Why
 * that rule: the harness appends results and a single newline, program output is usually a few lines
 * without blank ones, and a model resuming after results starts a new paragraph or a new block. The
 * rule errs toward removing text: an answer the model wrote on the very line after the output, without a
 * blank line, is dropped with the output, which is the safe side (output is never taken for an answer).
 * The structured form has no such ambiguity and should be preferred.
 */
export function stripExecutionResults(transcript: string): string {
  const lines = transcript.split(/\r?\n/);
  const kept: string[] = [];
  let afterClosingFence = false;
  let inFence = false;
  let inResults = false;
  for (const line of lines) {
    if (inResults) {
      if (line.trim() === '') inResults = false;
      else if (/^\s*```/.test(line)) inResults = false;
      else continue;
    }
    if (!inFence && afterClosingFence && line.startsWith(RESULTS_MARKER)) {
      inResults = true;
      afterClosingFence = false;
      continue;
    }
    if (/^\s*```/.test(line)) {
      // Same fence rule as answer extraction: a bare ``` closes an open block, anything else opens one.
      if (inFence) {
        if (/^\s*```\s*$/.test(line)) {
          inFence = false;
          afterClosingFence = true;
        }
      } else inFence = true;
      kept.push(line);
      continue;
    }
    if (line.trim() !== '') afterClosingFence = false;
    kept.push(line);
  }
  return kept.join('\n');
}
