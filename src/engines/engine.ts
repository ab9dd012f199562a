import type { SamplingValues } from '../../models/protocol';

/**
 * The interface the loop talks to. One call generates one round: it continues `prompt` (the whole ChatML
 * text so far, ending inside the assistant message) and streams text until end-of-sequence, the token
 * limit, a stop requested by the loop (`onText` returned false) or abort.
 *
 * An engine that keeps state between calls (the WebGPU engine keeps its KV cache) may rely on every
 * prompt of a session extending the previous prompt plus a prefix of what it generated; it must still
 * give a correct answer when that is not the case (a new session), just slower.
 */
export interface Engine {
  /** Short id, e.g. `replay`, `openai`, `webllm`. */
  readonly kind: EngineKind;
  /** What produced the text, for the UI and recordings ("Recording: game24-demo", "R1-CI-3B q4f32_1"). */
  readonly label: string;
  /** True when the text is pre-written (a recording), never a live model: the UI must say so. */
  readonly isRecording: boolean;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Start of a new question: engines that cache state may drop it. */
  reset?(): Promise<void> | void;
}

export type EngineKind = 'replay' | 'openai' | 'webllm';

export interface GenerateRequest {
  /** Full text to continue: ChatML prompt plus the assistant text so far (results included). */
  prompt: string;
  /** Round index within the question, from 0. Scripted engines pick their text by it. */
  round: number;
  /** Most new tokens this call may produce. */
  maxTokens: number;
  sampling: SamplingValues;
  /** Token ids and texts that end generation. */
  eos: { id: number; text: string }[];
  /** Called with each new piece of text. Return false to stop generating now (the loop saw a complete block). */
  onText: (delta: string) => boolean | void;
  signal?: AbortSignal;
}

export type FinishReason =
  | 'eos' //      the model ended its message
  | 'length' //   maxTokens or the context window was reached
  | 'stop' //     onText returned false
  | 'aborted'; // the signal fired

export interface GenerateResult {
  finish: FinishReason;
  usage: RoundUsage;
}

/** Per-round figures. Engines that cannot know a figure leave it undefined rather than guess. */
export interface RoundUsage {
  /** Prompt tokens actually processed (prefilled) for this call; with a reused KV cache, only the new ones. */
  promptTokens?: number;
  /** Prompt tokens served from a cache instead of being processed again. */
  cachedPromptTokens?: number;
  /** New tokens generated (counted to the stop point). */
  completionTokens: number;
  prefillMs?: number;
  decodeMs?: number;
  /** True when completionTokens is an estimate (e.g. a recording's text has no real tokens). */
  estimated?: boolean;
}

/** Thrown (by name, since errors cross workers as plain objects) when an engine fails for a reason the user must act on. */
export class EngineError extends Error {
  override name = 'EngineError';
}
