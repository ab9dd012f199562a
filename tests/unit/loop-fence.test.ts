import { describe, expect, it } from 'vitest';
import { FenceDetector, type CodeBlock } from '../../src/loop/fence';
import { R1CI_3B } from '../../models/r1ci.protocol';

/** Deterministic pseudo-random split points, so a failure can be replayed from its seed. */
function splits(text: string, seed: number): string[] {
  const pieces: string[] = [];
  let state = seed;
  for (let i = 0; i < text.length; ) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const size = 1 + (state % 7);
    pieces.push(text.slice(i, i + size));
    i += size;
  }
  return pieces;
}

interface Detected { kept: string; block?: CodeBlock; endBlock?: CodeBlock; }

/** Feeds the text piece by piece, as a stream of tokens would arrive, until a block completes. */
function detect(text: string, pieces: string[], atEos = true): Detected {
  const detector = new FenceDetector(R1CI_3B.fence);
  let kept = '';
  for (const piece of pieces) {
    const pushed = detector.push(piece);
    kept += pushed.kept;
    if (pushed.block) {
      expect(kept).toBe(detector.keptText);
      return { kept, block: pushed.block };
    }
  }
  expect(kept).toBe(text);
  return { kept, endBlock: atEos ? detector.end() : undefined };
}

/** Runs a case at one-character, whole-text and many random split points; all must agree. */
function detectEverywhere(text: string): Detected {
  const whole = detect(text, [text]);
  expect(detect(text, [...text])).toEqual(whole);
  for (let seed = 1; seed <= 40; seed++) expect(detect(text, splits(text, seed))).toEqual(whole);
  return whole;
}

describe('FenceDetector', () => {
  it('stops at the first complete python block and cuts right after the closing fence', () => {
    const text = 'Let me compute.\n```python\nprint(1 + 1)\n```\nThe answer is 2. <<<2>>>';
    const r = detectEverywhere(text);
    expect(r.block).toEqual({ code: 'print(1 + 1)', language: 'python' });
    expect(r.kept).toBe('Let me compute.\n```python\nprint(1 + 1)\n```');
  });

  it('accepts py and Python in any case', () => {
    for (const lang of ['py', 'Python', 'PYTHON', 'Py']) {
      const r = detectEverywhere(`x\n\`\`\`${lang}\nprint(3)\n\`\`\`\nrest`);
      expect(r.block?.code).toBe('print(3)');
      expect(r.block?.language).toBe(lang);
    }
  });

  it('handles CRLF line endings', () => {
    const text = 'Plan:\r\n```python\r\nfor i in range(2):\r\n    print(i)\r\n```\r\nafter';
    const r = detectEverywhere(text);
    expect(r.block?.code).toBe('for i in range(2):\n    print(i)');
    expect(r.kept).toBe('Plan:\r\n```python\r\nfor i in range(2):\r\n    print(i)\r\n```\r');
  });

  it('passes over a bare ``` block and a block in another language without running them', () => {
    const text = 'Data:\n```\nprint("not run")\n```\nJSON:\n```json\n{"a": 1}\n```\nNow code:\n```python\nprint("run")\n```\ntail';
    const r = detectEverywhere(text);
    expect(r.block?.code).toBe('print("run")');
  });

  it('treats ```python inside a bare block as content', () => {
    const text = '```\n```python\nprint(0)\n```\nmore text\n';
    const r = detectEverywhere(text);
    expect(r.block).toBeUndefined();
    expect(r.endBlock).toBeUndefined();
  });

  it('does not run a block left unclosed at end of sequence', () => {
    const r = detectEverywhere('Try:\n```python\nprint(1)\n');
    expect(r.block).toBeUndefined();
    expect(r.endBlock).toBeUndefined();
  });

  it('runs a block whose closing fence is the last line, with no newline, at end of sequence', () => {
    const r = detectEverywhere('```python\nprint(5)\n```');
    expect(r.block).toBeUndefined();
    expect(r.endBlock?.code).toBe('print(5)');
  });

  it('takes only the first of several blocks in one round', () => {
    const r = detectEverywhere('```python\nprint("a")\n```\n```python\nprint("b")\n```\n');
    expect(r.block?.code).toBe('print("a")');
  });

  it('is not fooled by backticks inside strings or fences not at line start', () => {
    const code = 's = "```"\nprint(s + "``` python")\nprint(""" ```\n```python inside string? no: line starts with fence""")';
    const text = 'I will write ```python inline.\n```python\n' + code.split('\n').slice(0, 2).join('\n') + '\n```\n';
    const r = detectEverywhere(text);
    expect(r.block?.code).toBe('s = "```"\nprint(s + "``` python")');
  });

  it('keeps <<< and >>> inside code as code', () => {
    const r = detectEverywhere('```python\nprint("<<<" + str(1 << 3) + ">>>")\n```\n');
    expect(r.block?.code).toBe('print("<<<" + str(1 << 3) + ">>>")');
  });

  it('closes only on a fence at least as long as the opener, and strips the opener indentation', () => {
    const text = '  ````python\n  print("```")\n  ```\n  x = 1\n  ````\n';
    const r = detectEverywhere(text);
    expect(r.block?.code).toBe('print("```")\n```\nx = 1');
  });

  it('accepts a closing fence with trailing spaces', () => {
    const r = detectEverywhere('```python\nprint(2)\n```   \nlater');
    expect(r.block?.code).toBe('print(2)');
    expect(r.kept).toBe('```python\nprint(2)\n```   ');
  });

  it('drops everything pushed after the block completed', () => {
    const detector = new FenceDetector(R1CI_3B.fence);
    expect(detector.push('```python\nx=1\n```\nmore').block?.code).toBe('x=1');
    expect(detector.push('and more')).toEqual({ kept: '' });
    expect(detector.end()).toBeUndefined();
  });
});
