import { describe, expect, it } from 'vitest';
import { collapse } from '../../../src/app/render/output';
import { protectArithmetic } from '../../../src/app/render/arithmetic';
import { isRunnable, splitBlocks, splitSegments } from '../../../src/app/render/segments';

describe('splitSegments', () => {
  it('separates prose from fenced code, closed or still streaming', () => {
    expect(splitSegments('Think.\n\n```python\nprint(1)\n```\nMore')).toEqual([
      { kind: 'prose', text: 'Think.\n' },
      { kind: 'code', language: 'python', code: 'print(1)', closed: true },
      { kind: 'prose', text: 'More' },
    ]);
    expect(splitSegments('a\n```Python\nx = 1\ny')).toEqual([
      { kind: 'prose', text: 'a' },
      { kind: 'code', language: 'python', code: 'x = 1\ny', closed: false },
    ]);
    expect(splitSegments('```\nplain\n```')).toEqual([{ kind: 'code', language: '', code: 'plain', closed: true }]);
  });

  it('handles CRLF and backticks inside code lines', () => {
    expect(splitSegments('```py\r\ns = "```x"\r\n```\r\n')).toEqual([{ kind: 'code', language: 'py', code: 's = "```x"', closed: true }]);
  });

  it('knows which languages run', () => {
    expect(isRunnable('Python', ['python', 'py'])).toBe(true);
    expect(isRunnable('text', ['python', 'py'])).toBe(false);
  });
});

describe('splitBlocks', () => {
  it('splits prose at blank lines so finished blocks can be cached', () => {
    expect(splitBlocks('one\ntwo\n\nthree\n   \nfour\n\n')).toEqual(['one\ntwo', 'three', 'four']);
  });
});

describe('collapse', () => {
  it('shows the first lines across chunks and counts what it hid', () => {
    const output = [{ stream: 'stdout' as const, text: 'a\nb\n' }, { stream: 'stderr' as const, text: 'c\nd\ne\n' }];
    expect(collapse(output, 3, 1000)).toEqual({ chunks: [{ stream: 'stdout', text: 'a\nb\n' }, { stream: 'stderr', text: 'c\n' }], hidden: 4 });
    expect(collapse(output, 100, 1000)).toEqual({ chunks: output, hidden: 0 });
    expect(collapse([{ stream: 'stdout', text: 'x'.repeat(50) }], 100, 10).hidden).toBe(40);
  });
});

describe('protectArithmetic', () => {
  it('escapes multiplication stars so markdown does not eat them', () => {
    expect(protectArithmetic('So ((1+2)*(2+6)) and 3*8 = 24')).toBe('So ((1+2)\\*(2+6)) and 3\\*8 = 24');
    expect(protectArithmetic('a*b*c')).toBe('a\\*b\\*c');
  });

  it('leaves emphasis, code spans and fenced code alone', () => {
    expect(protectArithmetic('**bold** and *italic*. and **x**y')).toBe('**bold** and *italic*. and **x**y');
    expect(protectArithmetic('`2*3` is 6')).toBe('`2*3` is 6');
    expect(protectArithmetic('```python\nprint(2*3)\n```\n2*3')).toBe('```python\nprint(2*3)\n```\n2\\*3');
  });
});
