import type { ProtocolRecord } from '../../models/protocol';
import type { Engine, FinishReason } from '../engines/engine';
import { resultsText } from '../python/results';
import type { PythonRunner, RunResult } from '../python/runner';
import { extractAnswer, modelTextOf } from './answer';
import type { LoopEvent, LoopOutcome, RoundRecord, StopReason } from './events';
import { FenceDetector, type CodeBlock } from './fence';
import { buildPrompt } from './prompt';

export interface LoopOptions {
  /** The effective protocol: the model's record with the user's settings applied. */
  protocol: ProtocolRecord;
  engine: Engine;
  python: PythonRunner;
  question: string;
  signal?: AbortSignal;
  onEvent?: (event: LoopEvent) => void;
}

/**
 * Runs one question through R1-CI's text-or-code loop: generate; when the round's text holds a complete
 * Python block, stop the engine there, run the block as a fresh script, append the results to the same
 * assistant message and generate again; until end-of-sequence, the code-call cap, the token budget, an
 * abort or an error. Never throws: every ending is a stop reason in the outcome.
 */
export async function runLoop(options: LoopOptions): Promise<LoopOutcome> {
  const { protocol, engine, python, question, signal } = options;
  const emit = options.onEvent ?? (() => {});
  const started = Date.now();
  const prompt = buildPrompt(protocol, question);
  const rounds: RoundRecord[] = [];
  let transcript = '';
  let completionTokens = 0;
  let promptTokens = 0;
  let codeCalls = 0;

  const finish = (stop: StopReason, error?: unknown): LoopOutcome => {
    const answer = extractAnswer(modelTextOf(rounds), protocol.answer);
    if (stop === 'eos' && answer !== null) stop = 'answer';
    if (answer !== null) emit({ type: 'answer', answer });
    const outcome: LoopOutcome = {
      prompt,
      transcript,
      rounds,
      answer,
      stop,
      totals: { completionTokens, promptTokens, codeCalls, elapsedMs: Date.now() - started },
    };
    if (error !== undefined) outcome.error = describeError(error);
    emit({ type: 'done', outcome });
    return outcome;
  };

  try {
    await engine.reset?.();
    for (let round = 0; ; round++) {
      if (signal?.aborted) return finish('aborted');
      const budget = protocol.maxNewTokens - completionTokens;
      if (budget <= 0) return finish('max_tokens');
      emit({ type: 'round-start', round });

      const detector = new FenceDetector(protocol.fence);
      let block: CodeBlock | undefined;
      const generation = await engine.generate({
        prompt: prompt + transcript,
        round,
        maxTokens: budget,
        sampling: protocol.sampling,
        eos: protocol.eos,
        signal,
        onText: (delta) => {
          if (block) return false; // an engine may deliver a little more before it stops
          const pushed = detector.push(delta);
          if (pushed.kept) emit({ type: 'text', round, delta: pushed.kept });
          if (pushed.block) block = pushed.block;
          return !block;
        },
      });
      // A closing fence as the very last line before end-of-sequence still completes its block.
      if (!block && generation.finish === 'eos') block = detector.end();

      const generated = detector.keptText;
      transcript += generated;
      const record: RoundRecord = { generated, code: null, result: null, usage: generation.usage };
      rounds.push(record);
      completionTokens += generation.usage.completionTokens;
      promptTokens += generation.usage.promptTokens ?? 0;
      emit({ type: 'usage', round, usage: generation.usage });

      if (generation.finish === 'aborted' || signal?.aborted) return finish('aborted');
      if (!block) return finish(stopWithoutBlock(generation.finish));

      record.code = block.code;
      emit({ type: 'code', round, code: block.code, language: block.language });
      if (codeCalls >= protocol.maxCodeCalls) return finish('max_calls');

      emit({ type: 'exec-start', round, code: block.code });
      const run = await runBlock(python, protocol, block.code, round, emit, signal);
      codeCalls++;
      record.run = run;
      if (run.status === 'aborted' || signal?.aborted) return finish('aborted');
      const appended = resultsText(protocol, run);
      record.result = appended;
      transcript += appended;
      emit({ type: 'exec-end', round, result: run, resultText: appended });
    }
  } catch (error) {
    return finish(isAbort(error) || signal?.aborted ? 'aborted' : 'error', isAbort(error) ? undefined : error);
  }
}

function runBlock(
  python: PythonRunner,
  protocol: ProtocolRecord,
  code: string,
  round: number,
  emit: (event: LoopEvent) => void,
  signal: AbortSignal | undefined,
): Promise<RunResult> {
  return python.run({
    code,
    timeoutMs: protocol.timeLimitSeconds * 1000,
    maxCaptureChars: protocol.results.maxChars,
    signal,
    onOutput: (stream, text) => emit({ type: 'exec-output', round, stream, text }),
  });
}

function stopWithoutBlock(finish: FinishReason): StopReason {
  if (finish === 'length') return 'max_tokens';
  return 'eos'; // 'eos', or 'stop' without a block (an engine stopping on its own): the message ended
}

function isAbort(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'AbortError';
}

function describeError(error: unknown): { name: string; message: string } {
  const e = error as Error | undefined;
  return { name: e?.name ?? 'Error', message: e?.message ?? String(error) };
}

