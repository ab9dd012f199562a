import { describe, expect, it } from 'vitest';
import { BatchedTextSink } from '../../../workers/llm/text-sink';

describe('BatchedTextSink', () => {
  it('sends the first piece at once and batches what arrives while a call is in flight', async () => {
    const got: string[] = [];
    let release!: () => void;
    const sink = new BatchedTextSink(async (t) => {
      got.push(t);
      if (got.length === 1) await new Promise<void>((r) => (release = r));
    });
    sink.push('a');
    await Promise.resolve();
    sink.push('b');
    sink.push('c');
    expect(got).toEqual(['a']);
    release();
    await sink.flush();
    expect(got).toEqual(['a', 'bc']);
    expect(sink.deliveries).toBe(2);
  });

  it('stops sending after the page answers false', async () => {
    const got: string[] = [];
    const sink = new BatchedTextSink((t) => {
      got.push(t);
      return false;
    });
    sink.push('x');
    await sink.flush();
    sink.push('y');
    await sink.flush();
    expect(sink.stopRequested).toBe(true);
    expect(got).toEqual(['x']);
  });

  it('stops and rethrows when delivery fails', async () => {
    const sink = new BatchedTextSink(() => {
      throw new Error('page gone');
    });
    sink.push('x');
    await expect(sink.flush()).rejects.toThrow('page gone');
    expect(sink.stopRequested).toBe(true);
  });
});
