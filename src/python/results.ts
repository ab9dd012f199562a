import type { ProtocolRecord } from '../../models/protocol';
import type { RunResult } from './runner';

/**
 * The results text the model is shown after the results prefix: stdout, then stderr, as a harness
 * running the script as a subprocess sees them; then the timeout or crash message; cut to the
 * protocol's cap with a note saying how much was dropped.
 */
export function resultsBody(protocol: ProtocolRecord, result: RunResult): string {
  const { results } = protocol;
  let text = result.stdout + result.stderr;
  // Characters the runner counted but did not keep still count as cut.
  let dropped = result.stdoutChars + result.stderrChars - text.length;
  if (text.length > results.maxChars) {
    dropped += text.length - results.maxChars;
    text = text.slice(0, results.maxChars);
  }
  if (dropped > 0) text += results.truncationNote.replace('{omitted}', String(dropped));
  if (result.status === 'timeout') {
    text += needsNewline(text) + results.timeoutMessage.replace('{seconds}', String(protocol.timeLimitSeconds));
  } else if (result.status === 'crashed') {
    text += needsNewline(text) + results.crashMessage.replace('{reason}', result.crashReason ?? 'unknown cause');
  }
  return text;
}

/** What is appended to the assistant text after a closed block: prefix + body + suffix. */
export function resultsText(protocol: ProtocolRecord, result: RunResult): string {
  return protocol.results.prefix + resultsBody(protocol, result) + protocol.results.suffix;
}

function needsNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? '' : '\n';
}
