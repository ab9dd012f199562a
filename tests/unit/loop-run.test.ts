import { describe, expect, it } from 'vitest';
import { runLoop } from '../../src/loop/run-loop';
import type { LoopEvent } from '../../src/loop/events';
import type { Engine, GenerateRequest, GenerateResult } from '../../src/engines/engine';
import type { PythonRunner, RunRequest, RunResult } from '../../src/python/runner';
import { R1CI_3B } from '../../models/r1ci.protocol';
import type { ProtocolRecord } from '../../models/protocol';

/**
 * A test double that behaves like a streaming engine: it emits round i's text a few characters at a
 * time, stops when onText returns false, ends with 'eos' when the text runs out, and counts one token
 * per piece. It records every request so tests can check what the model was given.
 */
class ScriptedEngine implements Engine {
  readonly kind = 'replay' as const;
  readonly label = 'test script';
  readonly isRecording = true;
  readonly requests: GenerateRequest[] = [];
  readonly sentAfterStop: string[] = [];
  constructor(private readonly rounds: string[], private readonly pieceSize = 3) {}

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.requests.push(request);
    const text = this.rounds[request.round] ?? '';
    let tokens = 0;
    for (let i = 0; i < text.length; i += this.pieceSize) {
      if (request.signal?.aborted) return { finish: 'aborted', usage: { completionTokens: tokens } };
      if (tokens >= request.maxTokens) return { finish: 'length', usage: { completionTokens: tokens } };
      tokens++;
      await Promise.resolve();
      if (request.onText(text.slice(i, i + this.pieceSize)) === false) {
        return { finish: 'stop', usage: { completionTokens: tokens, promptTokens: 10 } };
      }
    }
    return { finish: 'eos', usage: { completionTokens: tokens, promptTokens: 10 } };
  }
}

/** A Python runner double returning canned results in order, recording the code it was asked to run. */
class CannedPython implements PythonRunner {
  readonly requests: RunRequest[] = [];
  constructor(private readonly results: Partial<RunResult>[]) {}
  async run(request: RunRequest): Promise<RunResult> {
    this.requests.push(request);
    const canned = this.results[this.requests.length - 1] ?? {};
    const stdout = canned.stdout ?? '';
    const stderr = canned.stderr ?? '';
    return { status: 'ok', stdoutChars: stdout.length, stderrChars: stderr.length, durationMs: 1, ...canned, stdout, stderr };
  }
}

const Q = 'Compute 6*7. Return your answer with format <<<number>>>.';

async function run(rounds: string[], results: Partial<RunResult>[], protocol: ProtocolRecord = R1CI_3B, signal?: AbortSignal) {
  const engine = new ScriptedEngine(rounds);
  const python = new CannedPython(results);
  const events: LoopEvent[] = [];
  const outcome = await runLoop({ protocol, engine, python, question: Q, signal, onEvent: (e) => events.push(e) });
  return { outcome, engine, python, events };
}

describe('runLoop', () => {
  it('runs a block, appends the results to the same assistant message, resumes and ends on the answer', async () => {
    const { outcome, engine, python, events } = await run(
      ['I will compute.\n```python\nprint(6*7)\n```\nI guess 41 <<<41>>>', 'So the product is 42.\n<<<42>>>'],
      [{ stdout: '42\n' }],
    );
    expect(python.requests.map((r) => r.code)).toEqual(['print(6*7)']);
    expect(python.requests[0].timeoutMs).toBe(60_000);
    const results = '\nCode Execution Results: 42\n\n';
    expect(outcome.transcript).toBe('I will compute.\n```python\nprint(6*7)\n```' + results + 'So the product is 42.\n<<<42>>>');
    // Round 2 continues exactly the text the model saw: prompt + kept round 1 + results.
    expect(engine.requests[1].prompt).toBe(outcome.prompt + 'I will compute.\n```python\nprint(6*7)\n```' + results);
    expect(outcome.answer).toBe('42');
    expect(outcome.stop).toBe('answer');
    expect(outcome.rounds).toHaveLength(2);
    expect(outcome.rounds[0]).toMatchObject({ code: 'print(6*7)', result: results });
    expect(outcome.rounds[1]).toMatchObject({ code: null, result: null });
    // Streamed text deltas add up to the model's kept text; text past the fence was never emitted.
    const streamed = events.filter((e) => e.type === 'text').map((e) => (e as { delta: string }).delta).join('');
    expect(streamed).toBe(outcome.rounds[0].generated + outcome.rounds[1].generated);
    expect(streamed).not.toContain('41');
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['round-start', 'code', 'exec-start', 'exec-end', 'usage', 'answer', 'done']));
    expect(events.at(-1)?.type).toBe('done');
  });

  it('takes the answer only from the model text, never from printed output', async () => {
    const { outcome } = await run(['```python\nprint("<<<99>>>")\n```', 'Done.'], [{ stdout: '<<<99>>>\n' }]);
    expect(outcome.transcript).toContain('Code Execution Results: <<<99>>>');
    expect(outcome.answer).toBeNull();
    expect(outcome.stop).toBe('eos');
  });

  it('shows stdout then stderr, as a subprocess harness sees them', async () => {
    const { outcome } = await run(['```python\nx\n```', '<<<1>>>'], [{ status: 'error', stdout: 'partial\n', stderr: 'Traceback ...\nNameError: x\n' }]);
    expect(outcome.rounds[0].result).toBe('\nCode Execution Results: partial\nTraceback ...\nNameError: x\n\n');
  });

  it('stops with max_calls on the block after the cap, without running it', async () => {
    const protocol = { ...R1CI_3B, maxCodeCalls: 2 };
    const block = '```python\nprint(1)\n```';
    const { outcome, python } = await run([block, block, block, '<<<1>>>'], [{ stdout: '1\n' }, { stdout: '1\n' }], protocol);
    expect(python.requests).toHaveLength(2);
    expect(outcome.stop).toBe('max_calls');
    expect(outcome.rounds).toHaveLength(3);
    expect(outcome.rounds[2]).toMatchObject({ code: 'print(1)', result: null });
    expect(outcome.totals.codeCalls).toBe(2);
  });

  it('stops with max_tokens when the budget is spent', async () => {
    const protocol = { ...R1CI_3B, maxNewTokens: 5 };
    const { outcome, engine } = await run(['a long, long reasoning that never ends ...'], [], protocol);
    expect(engine.requests[0].maxTokens).toBe(5);
    expect(outcome.stop).toBe('max_tokens');
  });

  it('passes the remaining budget to later rounds', async () => {
    const protocol = { ...R1CI_3B, maxNewTokens: 100 };
    const { engine } = await run(['```python\nprint(1)\n```', '<<<1>>>'], [{ stdout: '1\n' }], protocol);
    const used = Math.ceil('```python\nprint(1)\n```\n'.length / 3);
    expect(engine.requests[1].maxTokens).toBeGreaterThanOrEqual(100 - used);
    expect(engine.requests[1].maxTokens).toBeLessThan(100);
  });

  it('does not run a block left unclosed at end of sequence', async () => {
    const { outcome, python } = await run(['Here:\n```python\nprint(1)\n'], []);
    expect(python.requests).toHaveLength(0);
    expect(outcome.stop).toBe('eos');
  });

  it('runs a closing fence that ends the message, then continues', async () => {
    const { outcome, python } = await run(['```python\nprint(2)\n```', 'It is <<<2>>>'], [{ stdout: '2\n' }]);
    expect(python.requests.map((r) => r.code)).toEqual(['print(2)']);
    expect(outcome.answer).toBe('2');
  });

  it('reports a user abort during generation', async () => {
    const controller = new AbortController();
    const engine = new ScriptedEngine(['thinking '.repeat(50)], 2);
    const outcome = await runLoop({
      protocol: R1CI_3B, engine, python: new CannedPython([]), question: Q, signal: controller.signal,
      onEvent: (e) => { if (e.type === 'text') controller.abort(); },
    });
    expect(outcome.stop).toBe('aborted');
  });

  it('reports an abort during execution', async () => {
    const controller = new AbortController();
    const python: PythonRunner = {
      async run() { controller.abort(); return { status: 'aborted', stdout: '', stderr: '', stdoutChars: 0, stderrChars: 0, durationMs: 1 }; },
    };
    const outcome = await runLoop({ protocol: R1CI_3B, engine: new ScriptedEngine(['```python\nwhile True: pass\n```']), python, question: Q, signal: controller.signal });
    expect(outcome.stop).toBe('aborted');
    expect(outcome.rounds[0].result).toBeNull();
  });

  it('ends with stop "error" and a message when the engine fails', async () => {
    const engine: Engine = { kind: 'openai', label: 'x', isRecording: false, generate: async () => { throw Object.assign(new Error('server unreachable'), { name: 'EngineError' }); } };
    const outcome = await runLoop({ protocol: R1CI_3B, engine, python: new CannedPython([]), question: Q });
    expect(outcome.stop).toBe('error');
    expect(outcome.error).toEqual({ name: 'EngineError', message: 'server unreachable' });
  });

  it('appends the timeout message in CPython words after the printed output', async () => {
    const { outcome } = await run(['```python\nwhile True: pass\n```', '<<<0>>>'], [{ status: 'timeout', stdout: 'started\n' }]);
    expect(outcome.rounds[0].result).toBe('\nCode Execution Results: started\nTimeoutExpired: Command timed out after 60 seconds\n');
  });

  it('cuts long output to the cap with a note of how much was cut', async () => {
    const long = 'x'.repeat(2500);
    const { outcome } = await run(['```python\nprint("x"*2500)\n```', '<<<0>>>'], [{ stdout: long.slice(0, 2000), stdoutChars: 2501 }]);
    expect(outcome.rounds[0].result).toBe('\nCode Execution Results: ' + 'x'.repeat(2000) + '\n... [output truncated: 501 more characters]\n');
  });
});
