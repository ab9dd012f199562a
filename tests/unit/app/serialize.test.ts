import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyLoopEvent, type Session } from '../../../src/app/state/session';
import { SessionSaver } from '../../../src/app/store/conversation-store';
import { fromStored, sessionTitle, sortSessions, toStored } from '../../../src/app/store/serialize';
import { makeSession } from './helpers';

describe('store serialisation', () => {
  it('round-trips a session through the stored form', () => {
    const s = makeSession({ status: 'done' });
    applyLoopEvent(s, { type: 'round-start', round: 0 }, 1);
    applyLoopEvent(s, { type: 'text', round: 0, delta: 'hi' }, 2);
    const stored = toStored(s);
    expect(stored).not.toBe(s);
    expect(fromStored(structuredClone(stored))).toEqual(s);
  });

  it('restores a session saved mid-stream as interrupted, with its partial text', () => {
    const s = makeSession();
    applyLoopEvent(s, { type: 'round-start', round: 0 }, 1);
    applyLoopEvent(s, { type: 'text', round: 0, delta: 'half an ans' }, 2);
    const restored = fromStored(toStored(s))!;
    expect(restored.status).toBe('interrupted');
    expect(restored.rounds[0]!.text).toBe('half an ans');
  });

  it('skips records it cannot read and repairs missing fields', () => {
    expect(fromStored(null)).toBeNull();
    expect(fromStored({ version: 2, id: 'x' })).toBeNull();
    expect(fromStored({ ...toStored(makeSession()), rounds: 'nope' })).toBeNull();
    const damaged = toStored(makeSession({ status: 'done' })) as unknown as { rounds: unknown[] };
    damaged.rounds = [{ round: 0, code: null, run: { status: 'ok' } }];
    const repaired = fromStored(damaged)!;
    expect(repaired.rounds[0]).toMatchObject({ text: '', pieces: 0, run: { output: [] } });
  });

  it('sorts newest first and titles by the first line', () => {
    const a = makeSession({ id: 'a', createdAt: 1 });
    const b = makeSession({ id: 'b', createdAt: 2 });
    expect(sortSessions([a, b]).map((s) => s.id)).toEqual(['b', 'a']);
    expect(sessionTitle(makeSession({ question: '  First line\nsecond' }))).toBe('First line');
    expect(sessionTitle(makeSession({ question: 'x'.repeat(100) }))).toHaveLength(80);
  });
});

describe('SessionSaver', () => {
  afterEach(() => vi.useRealTimers());

  it('writes at most once per interval while streaming, always the latest state', async () => {
    vi.useFakeTimers();
    const writes: Session[] = [];
    const saver = new SessionSaver({ put: async (s) => void writes.push(s) }, 300);
    const s = makeSession();
    applyLoopEvent(s, { type: 'round-start', round: 0 }, 1);
    for (let i = 0; i < 50; i++) {
      applyLoopEvent(s, { type: 'text', round: 0, delta: String(i % 10) }, i);
      saver.schedule(s);
    }
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(300);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.rounds[0]!.text).toHaveLength(50);
    // A snapshot: later changes do not leak into what was written.
    applyLoopEvent(s, { type: 'text', round: 0, delta: 'more' }, 99);
    expect(writes[0]!.rounds[0]!.text).toHaveLength(50);
    saver.schedule(s);
    await saver.flush();
    expect(writes).toHaveLength(2);
    expect(writes[1]!.rounds[0]!.text).toHaveLength(54);
    await saver.flush();
    expect(writes).toHaveLength(2);
  });

  it('reports a failed write and keeps going', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const writes: string[] = [];
    const saver = new SessionSaver({ put: async (s) => { if (fail) throw new Error('quota'); writes.push(s.id); } }, 10, (e) => errors.push(e));
    saver.schedule(makeSession());
    await saver.flush();
    expect(errors).toHaveLength(1);
    fail = false;
    saver.schedule(makeSession());
    await saver.flush();
    expect(writes).toEqual(['s1']);
  });
});
