import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { R1CI_3B } from '../../../models/r1ci.protocol';
import { ReplayEngine } from '../../../src/engines/replay';
import type { RunRequest, RunResult } from '../../../src/python/runner';
import { SessionController, type RunTarget } from '../../../src/app/controllers/session-controller';
import type { Session } from '../../../src/app/state/session';
import { fromStored, sortSessions, toStored } from '../../../src/app/store/serialize';
import { makeSession } from './helpers';

beforeAll(() => {
  // The controller batches renders per animation frame; Node has none.
  globalThis.requestAnimationFrame ??= ((cb: FrameRequestCallback) => setTimeout(() => cb(0), 0) as unknown as number);
});
afterEach(() => vi.unstubAllGlobals());

const ROUNDS = ['Compute.\n```python\nprint(6*7)\n```\n', 'It printed 42. <<<42>>>'];

function fakeStore(initial: Session[] = [], fail = false) {
  const saved = new Map<string, Session>(initial.map((s) => [s.id, toStored(s)]));
  return {
    saved,
    // As ConversationStore.list: read defensively, unfinished ones marked interrupted, newest first.
    list: async () => sortSessions([...saved.values()].map((s) => fromStored(toStored(s))!)),
    put: async (s: Session) => {
      if (fail) throw new Error('QuotaExceededError');
      saved.set(s.id, toStored(s));
    },
    delete: async (id: string) => void saved.delete(id),
  };
}

const python = {
  starts: 0,
  async start() { this.starts++; },
  async run(req: RunRequest): Promise<RunResult> {
    const out = req.code.includes('6*7') ? '42\n' : '';
    return { status: 'ok', stdout: out, stderr: '', stdoutChars: out.length, stderrChars: 0, durationMs: 3 };
  },
};

function setup(store = fakeStore()) {
  const host = { addController: () => {}, removeController: () => {}, requestUpdate: () => {}, updateComplete: Promise.resolve(true) };
  return { c: new SessionController(host, python, store), store };
}

function modelTarget(engine = new ReplayEngine({ rounds: ROUNDS })): RunTarget {
  return { kind: 'model', modelId: 'm', label: 'Model M', protocol: R1CI_3B, getEngine: async () => engine };
}

describe('SessionController', () => {
  it('runs a question to its answer, starts Python early, and saves the final state', async () => {
    const { c, store } = setup();
    const before = python.starts;
    await c.ask('What is 6*7?', modelTarget());
    expect(python.starts).toBe(before + 1);
    const s = c.selected!;
    expect(s).toMatchObject({ question: 'What is 6*7?', status: 'done', stop: 'answer', answer: '42', source: { kind: 'model', label: 'Model M' } });
    expect(s.rounds[0]!.run!.output).toEqual([{ stream: 'stdout', text: '42\n' }]);
    expect(c.stage).toBe('idle');
    expect(store.saved.get(s.id)).toEqual(toStored(s));
  });

  it('stop ends the session as stopped and keeps what streamed', async () => {
    const { c, store } = setup();
    const engine = new ReplayEngine({ rounds: ['a long thought '.repeat(50)] }, { chunkDelayMs: 2 });
    const running = c.ask('q', modelTarget(engine));
    await vi.waitFor(() => expect(c.selected?.rounds[0]?.text.length ?? 0).toBeGreaterThan(10));
    expect(c.busy).toBe(true);
    c.stop();
    await running;
    const s = c.selected!;
    expect(s.status).toBe('stopped');
    expect(s.rounds[0]!.text.length).toBeLessThan('a long thought '.repeat(50).length);
    expect(store.saved.get(s.id)!.status).toBe('stopped');
  });

  it('a model that cannot start ends the session with its message', async () => {
    const { c, store } = setup();
    const target: RunTarget = { ...modelTarget(), getEngine: async () => { throw Object.assign(new Error('The model library could not be started.'), { name: 'ModelLoadError' }); } } as RunTarget;
    await c.ask('q', target);
    expect(c.selected).toMatchObject({ status: 'error', error: { name: 'ModelLoadError', message: 'The model library could not be started.' } });
    expect(store.saved.get(c.selected!.id)!.status).toBe('error');
  });

  it('ignores a second question while one runs', async () => {
    const { c } = setup();
    const engine = new ReplayEngine({ rounds: ['x'.repeat(200)] }, { chunkDelayMs: 2 });
    const first = c.ask('first', modelTarget(engine));
    await c.ask('second', modelTarget());
    c.stop();
    await first;
    expect(c.sessions.map((s) => s.question)).toEqual(['first']);
  });

  it('plays a recording: the file gives the question and the label; a missing file is an error in words', async () => {
    const file = { title: 'Six times seven', question: 'What is 6*7?', rounds: ROUNDS };
    vi.stubGlobal('fetch', async (url: string) => (url.endsWith('ok.json') ? new Response(JSON.stringify(file)) : new Response('nope', { status: 404, statusText: 'Not Found' })));
    const { c } = setup();
    await c.ask('', { kind: 'recording', url: 'http://x/demos/ok.json', name: 'ok', protocol: R1CI_3B });
    expect(c.selected).toMatchObject({ question: 'What is 6*7?', status: 'done', answer: '42', source: { kind: 'recording', label: 'Six times seven', origin: 'http://x/demos/ok.json' } });
    await c.ask('', { kind: 'recording', url: 'http://x/demos/missing.json', name: 'missing', protocol: R1CI_3B });
    expect(c.selected!.status).toBe('error');
    expect(c.selected!.error!.message).toMatch(/recording missing could not be loaded \(404 Not Found/);
  });

  it('plays a recording in fixed pieces of ?replayChunk= characters when the page asks', async () => {
    const file = { question: 'What is 6*7?', rounds: ROUNDS };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(file)));
    const { c } = setup();
    await c.ask('', { kind: 'recording', url: 'http://x/demos/ok.json', name: 'ok', protocol: R1CI_3B });
    expect(c.selected!.rounds[0]!.pieces).toBeGreaterThan(3);
    vi.stubGlobal('location', new URL('http://x/?replay=/demos/ok.json&replayChunk=1000'));
    await c.ask('', { kind: 'recording', url: 'http://x/demos/ok.json', name: 'ok', protocol: R1CI_3B });
    expect(c.selected!.rounds.map((r) => r.pieces)).toEqual([1, 1]);
    expect(c.selected).toMatchObject({ status: 'done', answer: '42' });
  });

  it('restores saved sessions: one cut off mid-stream comes back interrupted and in view', async () => {
    const done = makeSession({ id: 'old', createdAt: 1, status: 'done' });
    const cut = makeSession({ id: 'cut', createdAt: 2 });
    cut.rounds.push({ round: 0, text: 'half', code: null, run: null, startedAt: 2, pieces: 1 });
    const { c } = setup(fakeStore([done, cut]));
    await c.load();
    expect(c.sessions.map((s) => [s.id, s.status])).toEqual([['cut', 'interrupted'], ['old', 'done']]);
    expect(c.selectedId).toBe('cut');

    const { c: fresh } = setup(fakeStore([done]));
    await fresh.load();
    expect(fresh.selectedId).toBeNull();
  });

  it('a store that refuses writes is reported, and the session still completes', async () => {
    const { c } = setup(fakeStore([], true));
    await c.ask('q', modelTarget());
    expect(c.selected!.status).toBe('done');
    expect(c.storeError).toMatch(/Could not save the conversation: QuotaExceededError/);
  });
});

describe('SessionController deletion', () => {
  it('deleting the running session stops it, and it is not saved back afterwards', async () => {
    const { c, store } = setup();
    const engine = new ReplayEngine({ rounds: ['words '.repeat(200)] }, { chunkDelayMs: 2 });
    const running = c.ask('q', modelTarget(engine));
    await vi.waitFor(() => expect(store.saved.size).toBe(1));
    const id = c.selected!.id;
    await c.remove(id);
    await running;
    expect(c.sessions).toEqual([]);
    expect(store.saved.has(id)).toBe(false);
    expect(c.busy).toBe(false);
  });
});
