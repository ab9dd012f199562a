/** One SymBench question as stored in `symbench/<task>.jsonl` (see the benchmark's README). */
export interface BenchRecord {
  id: string;
  task: string;
  /** The exact text given to the model; it ends with its own answer-format line. */
  question: string;
  /** The benchmark's own solution record; its fields differ per task. */
  solution: unknown;
}

/** What a scorer says about one response. */
export interface Verdict {
  correct: boolean;
  /** The last `<<<...>>>` of the model's own text (markers and outer whitespace removed), or null. */
  extracted: string | null;
  /** Why it is wrong, or why the record could not be judged; absent when correct. */
  reason?: string;
}

/** A task's judge sees only the extracted answer; extraction and error handling are shared (./index.ts). */
export interface Judgement {
  correct: boolean;
  reason?: string;
}

export type Judge = (record: BenchRecord, answer: string) => Judgement;

/** Raised by parsers and judges when the answer or the record cannot be read; becomes a wrong verdict. */
export class ScoreError extends Error {
  override name = 'ScoreError';
}

export const RIGHT: Judgement = { correct: true };

export function wrong(reason: string): Judgement {
  return { correct: false, reason };
}
