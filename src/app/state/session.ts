import type { RoundUsage } from '../../engines/engine';
import type { LoopEvent, StopReason } from '../../loop/events';
import type { RunStatus } from '../../python/runner';
import type { EffectiveSettings } from './settings';

/**
 * One question session as the UI shows it and the store keeps it: the question, each round's model text,
 * the code run in it with its output, the answer and how it ended. Built from loop events by
 * `applyLoopEvent`; plain data (no class instances) so it is stored in IndexedDB and exported as is.
 */
export interface Session {
  /** Storage format version, bumped when the shape changes. */
  version: 1;
  id: string;
  createdAt: number;
  updatedAt: number;
  question: string;
  source: SessionSource;
  /** The settings the loop ran with (the effective protocol's user-visible values). */
  settings: EffectiveSettings;
  rounds: SessionRound[];
  answer: string | null;
  status: SessionStatus;
  stop?: StopReason;
  error?: { name: string; message: string };
  totals?: { completionTokens: number; promptTokens: number; codeCalls: number; elapsedMs: number };
}

/**
 * - running: the loop is going (or was, when the page died: see `markInterrupted`)
 * - done: ended on its own (answer, end of message, a cap)
 * - stopped: the user stopped it
 * - error: the engine or the Python runner failed
 * - interrupted: the page closed or crashed while it ran; what had streamed is kept
 */
export type SessionStatus = 'running' | 'done' | 'stopped' | 'error' | 'interrupted';

/** What produced the model text. A recording is never presented as the model's own output. */
export type SessionSource =
  | { kind: 'model'; modelId: string; label: string }
  | { kind: 'recording'; label: string; /** demo name or replay path */ origin: string };

export interface SessionRound {
  round: number;
  /** The model's kept text for this round (cut after the first complete block). */
  text: string;
  /** The code the loop ran (or would have run) for this round; null while none is complete. */
  code: string | null;
  run: CodeRun | null;
  usage?: RoundUsage;
  /** Wall-clock times (ms) bounding generation in this round, for live tokens/s. */
  startedAt: number;
  generationEndedAt?: number;
  /** Text pieces received: a live stand-in for tokens until the engine reports usage. */
  pieces: number;
}

export type CodeRunStatus = 'running' | RunStatus;

export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface CodeRun {
  status: CodeRunStatus;
  /** Output in the order it was written, adjacent pieces of one stream merged. */
  output: OutputChunk[];
  startedAt: number;
  durationMs?: number;
  /** Characters written in all (kept or not), from the runner's result. */
  stdoutChars?: number;
  stderrChars?: number;
  /** The results text the model was shown (prefix included). */
  resultText?: string;
  crashReason?: string;
}

/** Caps what a session keeps of live output per run, so a flood cannot fill memory or storage. */
export const MAX_KEPT_OUTPUT_CHARS = 200_000;

export function newSession(init: {
  id: string;
  question: string;
  source: SessionSource;
  settings: EffectiveSettings;
  now: number;
}): Session {
  return {
    version: 1,
    id: init.id,
    createdAt: init.now,
    updatedAt: init.now,
    question: init.question,
    source: init.source,
    settings: init.settings,
    rounds: [],
    answer: null,
    status: 'running',
  };
}

/**
 * Folds one loop event into the session, in place (streams send thousands of events; copying the whole
 * session each time would be wasteful). Returns the same session for convenience.
 */
export function applyLoopEvent(session: Session, event: LoopEvent, now: number): Session {
  session.updatedAt = now;
  switch (event.type) {
    case 'round-start':
      session.rounds.push({ round: event.round, text: '', code: null, run: null, startedAt: now, pieces: 0 });
      break;
    case 'text': {
      const round = roundFor(session, event.round, now);
      round.text += event.delta;
      round.pieces += 1;
      break;
    }
    case 'code': {
      const round = roundFor(session, event.round, now);
      round.code = event.code;
      round.generationEndedAt = now;
      break;
    }
    case 'exec-start': {
      const round = roundFor(session, event.round, now);
      round.code ??= event.code;
      round.generationEndedAt ??= now;
      round.run = { status: 'running', output: [], startedAt: now };
      break;
    }
    case 'exec-output': {
      const run = roundFor(session, event.round, now).run;
      if (run) appendOutput(run.output, event.stream, event.text);
      break;
    }
    case 'exec-end': {
      const round = roundFor(session, event.round, now);
      const run = (round.run ??= { status: 'running', output: [], startedAt: now });
      const { result } = event;
      run.status = result.status;
      run.durationMs = result.durationMs;
      run.stdoutChars = result.stdoutChars;
      run.stderrChars = result.stderrChars;
      run.resultText = event.resultText;
      if (result.crashReason) run.crashReason = result.crashReason;
      // The final result is authoritative: live output may have been dropped when the page was busy.
      run.output = [];
      appendOutput(run.output, 'stdout', result.stdout);
      appendOutput(run.output, 'stderr', result.stderr);
      break;
    }
    case 'usage': {
      const round = roundFor(session, event.round, now);
      round.usage = event.usage;
      round.generationEndedAt ??= now;
      break;
    }
    case 'answer':
      session.answer = event.answer;
      break;
    case 'done': {
      const { outcome } = event;
      session.stop = outcome.stop;
      session.answer = outcome.answer;
      session.totals = outcome.totals;
      if (outcome.error) session.error = outcome.error;
      session.status =
        outcome.stop === 'aborted' ? 'stopped'
        : outcome.stop !== 'error' ? 'done'
        : WORKER_LOST.has(outcome.error?.name ?? '') ? 'interrupted'
        : 'error';
      for (const round of session.rounds) {
        round.generationEndedAt ??= now;
        // A run still open at the end was stopped by the user, or lost with a failed runner.
        if (round.run?.status === 'running') round.run.status = outcome.stop === 'error' ? 'crashed' : 'aborted';
      }
      break;
    }
  }
  return session;
}

/**
 * Errors that say the worker under the session died (crashed, or its GPU device was lost), not that the
 * question failed: the session ends interrupted, like one cut off by a closed tab, keeping what streamed.
 */
const WORKER_LOST = new Set(['WorkerCrashedError', 'GPUDeviceLostError']);

/** Ends a session that failed outside the loop (the replay file would not load, the model would not start). */

export function failSession(session: Session, error: { name: string; message: string }, now: number): Session {
  session.status = error.name === 'AbortError' ? 'stopped' : WORKER_LOST.has(error.name) ? 'interrupted' : 'error';
  if (session.status !== 'stopped') session.error = { name: error.name, message: error.message };
  session.updatedAt = now;
  return session;
}

/** A session found still "running" when the app starts was cut off by a reload or crash: keep it, say so. */
export function markInterrupted(session: Session): Session {
  if (session.status !== 'running') return session;
  session.status = 'interrupted';
  for (const round of session.rounds) {
    // The last save is the last moment anything was known to happen: generation ended there at the latest.
    round.generationEndedAt ??= session.updatedAt;
    if (round.run?.status === 'running') round.run.status = 'aborted';
  }
  return session;
}

/** True while the loop may still change the session. */
export function isLive(session: Session): boolean {
  return session.status === 'running';
}

function roundFor(session: Session, index: number, now: number): SessionRound {
  let round = session.rounds.find((r) => r.round === index);
  if (!round) {
    round = { round: index, text: '', code: null, run: null, startedAt: now, pieces: 0 };
    session.rounds.push(round);
  }
  return round;
}

function appendOutput(output: OutputChunk[], stream: 'stdout' | 'stderr', text: string): void {
  if (!text) return;
  const kept = output.reduce((n, c) => n + c.text.length, 0);
  const room = MAX_KEPT_OUTPUT_CHARS - kept;
  if (room <= 0) return;
  const piece = text.length > room ? text.slice(0, room) : text;
  const last = output[output.length - 1];
  if (last && last.stream === stream) last.text += piece;
  else output.push({ stream, text: piece });
}
