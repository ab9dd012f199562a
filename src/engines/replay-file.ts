/**
 * The replay file format: a recorded (or hand-written) session the replay engine plays back.
 *
 *     {"question": "optional", "rounds": ["round 1 text", "round 2 text", ...],
 *      "title": "optional", "task": "optional", "source": "optional", "model": "optional", "note": "optional"}
 *
 * Round i is what the model writes in round i of the loop. Text after a round's first closed Python
 * block is discarded by the loop; a round with no block ends with end-of-sequence.
 *
 * Pure: no DOM and no Node imports, so the app and the command line share it.
 */

export interface ReplayFile {
  /** Used when no question is given explicitly. Kept verbatim (SymBench questions carry their format line). */
  question?: string;
  /** What the model writes in each round, in order. */
  rounds: string[];
  /** Short human title for lists and the "Recording: ..." label. */
  title?: string;
  /** Benchmark task the question comes from, e.g. `game24`. */
  task?: string;
  /** Where the question comes from, e.g. `SymBench game24/6`. */
  source?: string;
  /** Which model (or person) wrote the rounds. */
  model?: string;
  /** Anything worth knowing about the recording. */
  note?: string;
}

/** Thrown (by name) when a replay file cannot be used; the message says what to fix. */
export class ReplayFileError extends Error {
  override name = 'ReplayFileError';
}

const OPTIONAL_TEXT_FIELDS = ['question', 'title', 'task', 'source', 'model', 'note'] as const;

/**
 * Parses and validates a replay file's text. `source` names the file in error messages
 * (a path or URL), so the user knows which file to fix.
 */
export function parseReplayFile(text: string, source = 'replay file'): ReplayFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new ReplayFileError(`${source} is not valid JSON (${detail}); a replay file is {"question": "...", "rounds": ["...", ...]}`);
  }
  return validateReplayFile(data, source);
}

/** Checks an already-parsed value against the format and returns a clean copy (unknown fields dropped). */
export function validateReplayFile(data: unknown, source = 'replay file'): ReplayFile {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ReplayFileError(`${source} must hold a JSON object like {"question": "...", "rounds": ["...", ...]}, not ${describe(data)}`);
  }
  const record = data as Record<string, unknown>;
  if (!('rounds' in record)) {
    throw new ReplayFileError(`${source} has no "rounds": add "rounds": ["what the model writes in round 1", ...]`);
  }
  const { rounds } = record;
  if (!Array.isArray(rounds)) {
    throw new ReplayFileError(`${source}: "rounds" must be a list of strings, not ${describe(rounds)}`);
  }
  if (rounds.length === 0) {
    throw new ReplayFileError(`${source}: "rounds" is empty; give at least one round of model text`);
  }
  rounds.forEach((round, i) => {
    if (typeof round !== 'string') {
      throw new ReplayFileError(`${source}: round ${i + 1} in "rounds" must be a string, not ${describe(round)}`);
    }
  });
  const result: ReplayFile = { rounds: [...(rounds as string[])] };
  for (const field of OPTIONAL_TEXT_FIELDS) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      throw new ReplayFileError(`${source}: "${field}" must be a string, not ${describe(value)}`);
    }
    result[field] = value;
  }
  if (result.question !== undefined && result.question.trim() === '') {
    throw new ReplayFileError(`${source}: "question" is empty; remove it or give the question text`);
  }
  return result;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}
