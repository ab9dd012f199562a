import { describe, expect, it } from 'vitest';
import { extractAnswer, stripFencedCode } from '../../src/loop/answer';

describe('extractAnswer', () => {
  it('takes the last answer in the text', () => {
    expect(extractAnswer('first <<<1>>> then <<<2>>>')).toBe('2');
  });
  it('returns null without an answer', () => {
    expect(extractAnswer('no answer here >>> or <<< alone')).toBeNull();
    expect(extractAnswer('')).toBeNull();
  });
  it('allows answers spanning lines and trims them', () => {
    expect(extractAnswer('So:\n<<<\n1 2\n3 4\n>>>\n')).toBe('1 2\n3 4');
  });
  it('ignores markers inside code blocks, closed or not', () => {
    const text = 'Answer below.\n```python\nprint("<<<7>>>")\n```\nThe result is <<<8>>>.\n```python\nx = "<<<9>>>"';
    expect(extractAnswer(text)).toBe('8');
    expect(extractAnswer('```python\nprint("<<<7>>>")\n```\n')).toBeNull();
  });
  it('pairs the closer with the nearest opener', () => {
    expect(extractAnswer('<<<a <<<b>>>')).toBe('b');
  });
  it('keeps quotes and brackets as written', () => {
    expect(extractAnswer('<<< ["5", "3", "F"] >>>')).toBe('["5", "3", "F"]');
  });
});

describe('stripFencedCode', () => {
  it('handles CRLF and a closing fence with trailing spaces', () => {
    expect(stripFencedCode('a\r\n```py\r\nx\r\n```  \r\nb')).toBe('a\n\n\n\nb');
  });
});
