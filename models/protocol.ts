/**
 * The shape of a model's harness protocol: everything in R1CI-PROTOCOL.md that could differ between
 * models or turn out wrong. The loop, the Python runtime's result formatting and the engines read these
 * values from here and nowhere else.
 */
export interface SamplingValues {
  temperature: number;
  topP: number;
  topK: number;
  repetitionPenalty: number;
}

export interface ProtocolRecord {
  /** Stable id, also the key used by the model catalog. */
  id: string;
  /** Human name shown in the UI and in recordings. */
  displayName: string;
  /** ChatML system message. */
  systemMessage: string;
  /** The paper's instruction, verbatim (the model was trained on these exact characters). */
  instruction: string;
  /** Placed between the instruction and the question inside the one user message. */
  questionJoiner: string;
  /** Appended to the question (SymBench questions carry their own format line, so empty). */
  questionSuffix: string;
  /** ChatML role markers. */
  chatml: { imStart: string; imEnd: string };
  /**
   * Fence rule: which info strings open a block that runs (compared case-insensitively, after trimming),
   * and the closing fence line (whitespace around it is ignored).
   */
  fence: { runnableLanguages: string[]; marker: string };
  /** Text appended after a closed block: prefix + results + suffix. */
  results: {
    prefix: string;
    suffix: string;
    /** Keep this many characters of stdout+stderr; the rest is replaced by the truncation note. */
    maxChars: number;
    /** Note appended when output was cut; `{omitted}` is the number of characters dropped. */
    truncationNote: string;
    /** Shown after any output when a script runs out of time; `{seconds}` is the limit. */
    timeoutMessage: string;
    /** Shown when the Python runtime itself dies (crash, out of memory); the next block gets a new one. */
    crashMessage: string;
  };
  /** Seconds a script may run. */
  timeLimitSeconds: number;
  /** At most this many executed blocks per question. */
  maxCodeCalls: number;
  sampling: SamplingValues;
  /** Total new tokens per question (all rounds together). */
  maxNewTokens: number;
  /** Context window the model library was compiled for (prompt + every round + every result must fit). */
  contextWindow: number;
  /** End-of-sequence tokens: id and text. */
  eos: { id: number; text: string }[];
  /** Answer markers: the answer is the last open...close span in the model's own text. */
  answer: { open: string; close: string };
}
