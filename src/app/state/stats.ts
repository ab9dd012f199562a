import type { Session } from './session';

/** Figures shown live under a session. */
export interface SessionStats {
  rounds: number;
  codeCalls: number;
  /** Tokens generated so far (pieces of text while an engine has not reported usage yet). */
  completionTokens: number;
  /**
   * Generation speed over the time spent generating (not running Python); null before any text, and
   * always for a recording (its playback pace says nothing about any model's speed).
   */
  tokensPerSecond: number | null;
  /** Prompt tokens processed per round (undefined where the engine did not say). */
  promptTokensPerRound: (number | undefined)[];
  /** True when a figure is estimated (a recording, or counts taken from text pieces). */
  estimated: boolean;
  /** Per round, where the engine reported them: prompt tokens processed and served from cache, prefill and decode speed. */
  perRound: RoundFigures[];
}

export interface RoundFigures {
  round: number;
  promptTokens?: number;
  cachedPromptTokens?: number;
  prefillTokensPerSecond?: number;
  decodeTokensPerSecond?: number;
}

/**
 * Computes the stats of a session at time `now`. Where an engine reported decode time, tokens/s is
 * tokens over decode time; otherwise it is pieces over the wall-clock time of generation in each round.
 */
export function sessionStats(session: Session, now: number): SessionStats {
  let tokens = 0;
  let ms = 0;
  let estimated = session.source.kind === 'recording';
  const promptTokensPerRound: (number | undefined)[] = [];
  for (const round of session.rounds) {
    const usage = round.usage;
    promptTokensPerRound.push(usage?.promptTokens);
    if (usage) {
      tokens += usage.completionTokens;
      if (usage.estimated) estimated = true;
    } else {
      tokens += round.pieces;
      if (round.pieces > 0) estimated = true;
    }
    if (usage?.decodeMs !== undefined) ms += usage.decodeMs;
    else ms += Math.max(0, (round.generationEndedAt ?? (session.status === 'running' ? now : round.startedAt)) - round.startedAt);
  }
  const codeCalls = session.rounds.filter((r) => r.run !== null).length;
  const perRound = session.rounds.flatMap((r): RoundFigures[] => {
    const u = r.usage;
    if (!u || u.estimated || (u.promptTokens === undefined && u.decodeMs === undefined)) return [];
    const rate = (tokens: number | undefined, ms: number | undefined) => (tokens && ms ? (tokens * 1000) / ms : undefined);
    return [{
      round: r.round,
      promptTokens: u.promptTokens,
      cachedPromptTokens: u.cachedPromptTokens,
      prefillTokensPerSecond: rate(u.promptTokens, u.prefillMs),
      // The first new token comes out of the prefill pass; each later one is a decode step.
      decodeTokensPerSecond: rate(u.completionTokens - 1, u.decodeMs),
    }];
  });
  return {
    rounds: session.rounds.length,
    codeCalls,
    completionTokens: tokens,
    tokensPerSecond: session.source.kind !== 'recording' && tokens > 0 && ms > 0 ? (tokens * 1000) / ms : null,
    promptTokensPerRound,
    estimated,
    perRound,
  };
}

/** "12.3" for speeds, "—" when unknown. */
export function formatRate(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** Durations as people read them: "850 ms", "2.4 s", "1 min 05 s". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}
