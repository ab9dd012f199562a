import type { RoundUsage } from '../engines/engine';
import type { RunResult } from '../python/runner';

/** Why a question's loop ended. */
export type StopReason =
  | 'answer' //     the model ended its message with an answer in its own text
  | 'eos' //        the model ended its message without an answer
  | 'max_calls' //  the model wrote one more block than the code-call cap allows
  | 'max_tokens' // the token budget or the context window was spent
  | 'aborted' //    the user stopped it
  | 'error'; //     the engine or the Python runner failed (see `error`)

/** One round: what the model generated (cut after the first complete block), the code it ran, the results text. */
export interface RoundRecord {
  generated: string;
  code: string | null;
  /** The results text appended to the transcript (prefix and suffix included), or null when nothing ran. */
  result: string | null;
  run?: RunResult;
  usage?: RoundUsage;
}

/**
 * Events the loop emits, in order, for a UI or a command line to render. Text deltas carry only the
 * model's kept text: when a round is cut after a closing fence, nothing past the fence is ever emitted.
 */
export type LoopEvent =
  | { type: 'round-start'; round: number }
  | { type: 'text'; round: number; delta: string }
  | { type: 'code'; round: number; code: string; language: string }
  | { type: 'exec-start'; round: number; code: string }
  | { type: 'exec-output'; round: number; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'exec-end'; round: number; result: RunResult; resultText: string }
  | { type: 'usage'; round: number; usage: RoundUsage }
  | { type: 'answer'; answer: string }
  | { type: 'done'; outcome: LoopOutcome };

export interface LoopOutcome {
  prompt: string;
  /** The assistant text exactly as the model saw it, results included. */
  transcript: string;
  rounds: RoundRecord[];
  answer: string | null;
  stop: StopReason;
  /** For stop "error": the message, in words a user can act on. */
  error?: { name: string; message: string };
  totals: { completionTokens: number; promptTokens: number; codeCalls: number; elapsedMs: number };
}
