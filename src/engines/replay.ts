import type { Engine, GenerateRequest, GenerateResult } from './engine';
import type { ReplayFile } from './replay-file';

/**
 * The replay engine: plays a recorded session back through the engine interface, so tests and demos
 * run the real loop and the real Python without a model. Text streams in small chunks of a few
 * characters (seedable, so fences get split across chunks the way real tokens split them), and stop,
 * abort and the token limit behave as they would with a live model.
 *
 * No DOM and no Node imports: the app's demos and the command line share it.
 */
export interface ReplayEngineOptions {
  /** Seed for chunk sizes; the same seed gives the same chunking for the same round. Default 1. */
  seed?: number;
  /** Chunk sizes are drawn from [minChunk, maxChunk] characters. Defaults 1 and 6. */
  minChunk?: number;
  maxChunk?: number;
  /** Pause before each chunk, in ms: 0 for tests; a few ms for demos so the UI visibly streams. */
  chunkDelayMs?: number;
  /** Names the recording in the label when the file has no title (e.g. the file name). */
  name?: string;
}

/** Characters per estimated token: a recording has text, not tokens. */
export const CHARS_PER_TOKEN = 4;

export class ReplayEngine implements Engine {
  readonly kind = 'replay' as const;
  readonly isRecording = true;
  readonly label: string;
  private readonly rounds: readonly string[];
  private readonly seed: number;
  private readonly minChunk: number;
  private readonly maxChunk: number;
  private readonly chunkDelayMs: number;

  constructor(recording: ReplayFile, options: ReplayEngineOptions = {}) {
    this.rounds = [...recording.rounds];
    this.seed = options.seed ?? 1;
    this.minChunk = Math.max(1, Math.floor(options.minChunk ?? 1));
    this.maxChunk = Math.max(this.minChunk, Math.floor(options.maxChunk ?? 6));
    this.chunkDelayMs = Math.max(0, options.chunkDelayMs ?? 0);
    this.label = `Recording: ${recording.title ?? options.name ?? 'untitled'}`;
  }

  /** How many rounds the recording holds. */
  get roundCount(): number {
    return this.rounds.length;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const text = this.rounds[request.round] ?? '';
    // The token limit becomes a character limit at the same estimate used to count usage.
    const charLimit = Math.max(0, request.maxTokens) * CHARS_PER_TOKEN;
    const nextChunkSize = chunkSizes(this.seed, request.round, this.minChunk, this.maxChunk);
    let sent = 0;
    const result = (finish: GenerateResult['finish']): GenerateResult => ({
      finish,
      usage: { completionTokens: Math.ceil(sent / CHARS_PER_TOKEN), estimated: true },
    });

    while (sent < text.length) {
      if (request.signal?.aborted) return result('aborted');
      if (sent >= charLimit) return result('length');
      if (this.chunkDelayMs > 0) {
        const slept = await sleep(this.chunkDelayMs, request.signal);
        if (!slept) return result('aborted');
      }
      // Never split a UTF-16 surrogate pair: real engines stream whole characters.
      let end = Math.min(text.length, sent + nextChunkSize(), charLimit);
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
      const delta = text.slice(sent, end);
      sent = end;
      const keepGoing = request.onText(delta);
      if (keepGoing === false) return result('stop');
    }
    if (request.signal?.aborted) return result('aborted');
    return result('eos');
  }
}

/** A deterministic stream of chunk sizes for one round (mulberry32 seeded by seed and round). */
function chunkSizes(seed: number, round: number, min: number, max: number): () => number {
  let state = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(round + 1, 0x85ebca6b)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return min + Math.floor(unit * (max - min + 1));
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Waits `ms`; resolves false at once if the signal fires (before or during the wait). */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
