/**
 * Nothing lost when the model's worker dies mid-answer. No model can run here, so the chain below the
 * session is the real one down to the worker boundary: SessionController -> runLoop -> WebLlmEngine ->
 * LlmClient -> WorkerLifecycle -> a stand-in worker (a MessageChannel speaking comlink) whose `generate`
 * streams part of an answer and then dies as a real worker does (its error event, then nothing).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { R1CI_3B } from '../../../models/r1ci.protocol';
import { LlmClient } from '../../../src/clients/llm-client';
import { SessionController, saveFailure, type RunTarget } from '../../../src/app/controllers/session-controller';
import { WebLlmEngine } from '../../../src/engines/webllm';
import { ReplayEngine } from '../../../src/engines/replay';
import type { RunRequest, RunResult } from '../../../src/python/runner';
import { statusWords } from '../../../src/app/state/export';
import type { Session } from '../../../src/app/state/session';
import { fromStored, sortSessions, toStored } from '../../../src/app/store/serialize';
import type { LlmGenerateRequest, LlmGenerateResult, LlmTextSink } from '../../../workers/llm/contract';
import { fakeWorker, never, type FakeWorker } from '../llm/fake-worker';

beforeAll(() => {
  globalThis.requestAnimationFrame ??= ((cb: FrameRequestCallback) => setTimeout(() => cb(0), 0) as unknown as number);
});

const USAGE = { promptTokens: 10, cachedPromptTokens: 0, completionTokens: 3, decodeSteps: 2, prefillMs: 1, decodeMs: 2, rolledBackTokens: 0, cacheReset: false };

function memoryStore(initial: Session[] = []) {
  const saved = new Map<string, Session>(initial.map((s) => [s.id, toStored(s)]));
  let refuse: Error | null = null;
  return {
    saved,
    refuseWith(err: Error | null) {
      refuse = err;
    },
    list: async () => sortSessions([...saved.values()].map((s) => fromStored(toStored(s))!)),
    put: async (s: Session) => {
      if (refuse) throw refuse;
      saved.set(s.id, toStored(s));
    },
    delete: async (id: string) => void saved.delete(id),
  };
}

const python = {
  async start() {},
  async run(req: RunRequest): Promise<RunResult> {
    const out = req.code.includes('6*7') ? '42\n' : '';
    return { status: 'ok', stdout: out, stderr: '', stdoutChars: out.length, stderrChars: 0, durationMs: 3 };
  },
};

function controller(store = memoryStore()) {
  const host = { addController: () => {}, removeController: () => {}, requestUpdate: () => {}, updateComplete: Promise.resolve(true) };
  return { c: new SessionController(host, python, store), store };
}

/** A model whose worker streams `streamed`, then hangs until the test crashes it. */
function dyingModel(streamed: string[]) {
  const workers: FakeWorker[] = [];
  let generating = 0;
  const client = new LlmClient({
    baseUrl: 'https://school.example/app/',
    createWorker: () => {
      const w = fakeWorker({
        warmUp: async () => ({ modelLibraryVersion: 'v0_2_86/base' }),
        abort: () => undefined,
        generate: async (_r: LlmGenerateRequest, onText: LlmTextSink): Promise<LlmGenerateResult> => {
          generating++;
          for (const piece of streamed) await onText(piece);
          if (generating === 1) return never();
          await onText('Fine again. <<<1>>>');
          return { finish: 'eos', usage: USAGE };
        },
      });
      workers.push(w);
      return w;
    },
  });
  const engine = new WebLlmEngine(client, { displayName: 'R1-Code-Interpreter-3B', variant: 'q4f32_1' });
  const target: RunTarget = { kind: 'model', modelId: 'r1ci', label: 'R1-CI', protocol: R1CI_3B, getEngine: async () => engine };
  return { workers, target, client };
}

describe('the LLM worker dies mid-answer', () => {
  it('keeps the partial answer and every earlier message, marks the session interrupted with the reason, and saves it', async () => {
    const { c, store } = controller();
    // An earlier conversation, answered and saved.
    await c.ask('What is 6*7?', { kind: 'model', modelId: 'r', label: 'R', protocol: R1CI_3B, getEngine: async () => new ReplayEngine({ rounds: ['```python\nprint(6*7)\n```\n', 'So <<<42>>>'] }) });
    const earlier = toStored(c.selected!);
    expect(earlier).toMatchObject({ status: 'done', answer: '42' });

    const model = dyingModel(['Let me think about ', 'the primes below 100. ']);
    const running = c.ask('How many primes below 100?', model.target);
    await vi.waitFor(() => expect(c.selected?.rounds[0]?.text ?? '').toContain('primes below 100. '));
    model.workers[0]!.crash('out of memory');
    await running;

    const s = c.selected!;
    expect(s.status).toBe('interrupted');
    expect(s.rounds[0]!.text).toBe('Let me think about the primes below 100. ');
    expect(s.error).toMatchObject({ name: 'WorkerCrashedError' });
    expect(s.error!.message).toContain('out of memory');
    expect(statusWords(s)).toMatch(/^interrupted: The model worker stopped unexpectedly \(out of memory\)/);
    // Saved as shown; the earlier conversation is untouched.
    expect(store.saved.get(s.id)).toEqual(toStored(s));
    expect(store.saved.get(earlier.id)).toEqual(earlier);
    // A reload brings both back as they were (the interrupted one stays interrupted, with its text).
    const { c: after } = controller(store);
    await after.load();
    expect(after.sessions.map((x) => [x.question, x.status])).toEqual([['How many primes below 100?', 'interrupted'], ['What is 6*7?', 'done']]);
    expect(after.sessions[0]!.rounds[0]!.text).toBe('Let me think about the primes below 100. ');

    // The next question starts a fresh worker and is answered.
    await c.ask('Again?', model.target);
    expect(c.selected).toMatchObject({ status: 'done', answer: '1' });
    expect(model.client.workerStarts).toBe(2);
  });

  it('a lost GPU device mid-answer keeps the partial answer the same way', async () => {
    const { c } = controller();
    const engine = {
      kind: 'webllm' as const,
      isRecording: false,
      label: 'R1-CI',
      reset() {},
      async generate(req: { onText: (t: string) => boolean | void }) {
        req.onText('Half an answer');
        throw Object.assign(new Error('The graphics device was lost (the GPU driver reset). Reload the page to load the model again.'), { name: 'GPUDeviceLostError' });
      },
    };
    await c.ask('q', { kind: 'model', modelId: 'r', label: 'R', protocol: R1CI_3B, getEngine: async () => engine as never });
    expect(c.selected).toMatchObject({ status: 'interrupted', error: { name: 'GPUDeviceLostError' } });
    expect(c.selected!.rounds[0]!.text).toBe('Half an answer');
  });

  it('other failures stay failures (a script error is not an interruption)', async () => {
    const { c } = controller();
    const engine = { kind: 'webllm' as const, isRecording: false, label: 'R', reset() {}, async generate() { throw Object.assign(new Error('bad request'), { name: 'TypeError' }); } };
    await c.ask('q', { kind: 'model', modelId: 'r', label: 'R', protocol: R1CI_3B, getEngine: async () => engine as never });
    expect(c.selected!.status).toBe('error');
  });
});

describe('storage full', () => {
  it('says the conversation was not saved and why, keeps the earlier ones, and the session still ends', async () => {
    const { c, store } = controller();
    await c.ask('What is 6*7?', { kind: 'model', modelId: 'r', label: 'R', protocol: R1CI_3B, getEngine: async () => new ReplayEngine({ rounds: ['So <<<42>>>'] }) });
    const earlier = toStored(c.selected!);
    store.refuseWith(Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }));
    await c.ask('Second?', { kind: 'model', modelId: 'r', label: 'R', protocol: R1CI_3B, getEngine: async () => new ReplayEngine({ rounds: ['So <<<7>>>'] }) });
    expect(c.selected).toMatchObject({ status: 'done', answer: '7' });
    expect(c.storeError).toMatch(/Could not save the conversation: .*The storage for this site is full\. Conversations saved earlier are kept/);
    expect([...store.saved.values()]).toEqual([earlier]);
  });

  it('names a full disk whichever way it is reported, and other failures in their own words', () => {
    expect(saveFailure(new DOMException('x', 'QuotaExceededError'))).toMatch(/storage for this site is full/);
    expect(saveFailure(new Error('Encountered full disk while opening backing store'))).toMatch(/storage for this site is full/);
    expect(saveFailure(new Error('The database connection is closing.'))).toBe('Could not save the conversation: The database connection is closing. Conversations saved earlier are kept; export this one to keep it.');
  });
});
