import { describe, expect, it } from 'vitest';
import { IncrementalDetokenizer } from '../../../workers/llm/detokenizer';
import { FakeModel } from './fake-model';

const model = new FakeModel([]);
const bytesOf = (s: string) => [...new TextEncoder().encode(s)];

function stream(ids: number[]): string[] {
  const detok = new IncrementalDetokenizer((x) => model.decode(x));
  const out = ids.map((id) => detok.push(id));
  out.push(detok.flush());
  return out;
}

describe('IncrementalDetokenizer', () => {
  it('releases ASCII token by token', () => {
    expect(stream(bytesOf('hi!'))).toEqual(['h', 'i', '!', '']);
  });
  it('holds a multi-byte character until its last byte arrives, never emitting U+FFFD', () => {
    const parts = stream(bytesOf('a€b😀'));
    expect(parts.join('')).toBe('a€b😀');
    expect(parts.some((p) => p.includes('\uFFFD'))).toBe(false);
    // '€' is 3 bytes: two empty pushes, then the whole character at once.
    expect(parts.slice(1, 4)).toEqual(['', '', '€']);
  });
  it('handles merged tokens like any other', () => {
    expect(stream([300, 0x63]).join('')).toBe('abc');
  });
  it('gives an unfinished sequence at the end as a full decode would (U+FFFD)', () => {
    const parts = stream([0x41, 0xe2, 0x82]);
    expect(parts.join('')).toBe('A\uFFFD');
  });
});
