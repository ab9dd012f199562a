/**
 * Recordings for a benchmark: a benchmark needs one recording per question, so `--engine replay:FILE`
 * (and the app's recorded-demo mode) take a REPLAY SET, keyed by benchmark record id. Two spellings:
 *
 *   JSONL, one replay file per line plus the record id it answers (easy to append to):
 *     {"id": "game24/6", "rounds": ["...", "..."], "title": "optional", ...}
 *
 *   JSON, one object:
 *     {"format": "r1ci-replay-set", "recordings": {"game24/6": {"rounds": [...]}, ...}}
 *
 * A plain replay file (`{"rounds": [...]}`, see src/engines/replay-file.ts) is accepted too and then
 * answers EVERY question with the same rounds (handy for smoke tests and for checking the scorers).
 *
 * Pure: no DOM, no Node.
 */
import type { Engine } from '../engines/engine';
import { ReplayEngine } from '../engines/replay';
import { ReplayFileError, validateReplayFile, type ReplayFile } from '../engines/replay-file';

export const REPLAY_SET_FORMAT = 'r1ci-replay-set';

export type ReplaySource =
  | { kind: 'set'; recordings: Map<string, ReplayFile>; name: string }
  | { kind: 'single'; recording: ReplayFile; name: string };

/** Parses a replay set or a single replay file; throws ReplayFileError saying what to fix. */
export function parseReplaySource(text: string, name = 'replay set'): ReplaySource {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new ReplayFileError(`${name} is empty; a replay set is JSONL with one {"id": "task/N", "rounds": [...]} per line`);
  let whole: unknown;
  let isJson = true;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    isJson = false;
  }
  if (isJson && isObject(whole)) {
    if ('recordings' in whole) return { kind: 'set', recordings: recordingsFromObject(whole.recordings, name), name };
    // A one-line JSONL set is also a JSON object: an id makes it a set.
    if (typeof whole.id === 'string' && 'rounds' in whole) return { kind: 'set', recordings: recordingsFromLines(trimmed, name), name };
    return { kind: 'single', recording: validateReplayFile(whole, name), name };
  }
  if (isJson) throw new ReplayFileError(`${name} must hold a replay set (JSONL lines {"id", "rounds"} or {"recordings": {...}}), not ${Array.isArray(whole) ? 'a list' : typeof whole}`);
  return { kind: 'set', recordings: recordingsFromLines(trimmed, name), name };
}

function recordingsFromObject(value: unknown, name: string): Map<string, ReplayFile> {
  if (!isObject(value)) throw new ReplayFileError(`${name}: "recordings" must be an object mapping record ids to {"rounds": [...]}`);
  const recordings = new Map<string, ReplayFile>();
  for (const [id, file] of Object.entries(value)) recordings.set(id, validateReplayFile(file, `${name}, recording "${id}"`));
  return recordings;
}

function recordingsFromLines(text: string, name: string): Map<string, ReplayFile> {
  const recordings = new Map<string, ReplayFile>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${name} line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new ReplayFileError(`${where} is not valid JSON (${(err as Error).message}); each line is {"id": "task/N", "rounds": [...]}`);
    }
    if (!isObject(value) || typeof value.id !== 'string' || value.id === '') throw new ReplayFileError(`${where} needs "id": the benchmark record it answers, e.g. "game24/6"`);
    if (recordings.has(value.id)) throw new ReplayFileError(`${where}: a second recording for "${value.id}"`);
    recordings.set(value.id, validateReplayFile(value, where));
  });
  return recordings;
}

/** True when the source can answer this record id. */
export function hasRecording(source: ReplaySource, id: string): boolean {
  return source.kind === 'single' || source.recordings.has(id);
}

export interface ReplayEngineChoice {
  /** Pause between streamed pieces (0 on the command line; a little in the app so it visibly streams). */
  chunkDelayMs?: number;
  seed?: number;
}

/** The engine that plays the recording of one record; throws ReplayFileError when there is none. */
export function replayEngineFor(source: ReplaySource, id: string, options: ReplayEngineChoice = {}): Engine {
  const recording = source.kind === 'single' ? source.recording : source.recordings.get(id);
  if (!recording) throw new ReplayFileError(`${source.name} has no recording for "${id}"`);
  const title = source.kind === 'single' ? recording.title ?? source.name : `${source.name}: ${id}`;
  return new ReplayEngine({ ...recording, title }, { chunkDelayMs: options.chunkDelayMs ?? 0, seed: options.seed ?? 1 });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
