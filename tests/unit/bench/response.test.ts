import { describe, expect, it } from 'vitest';
import { modelText, stripExecutionResults } from '../../../src/bench/response';
import { scoreResponse } from '../../../src/bench/scorers/index';

const FENCE = '```';

describe('modelText', () => {
  it('concatenates the generated text of structured rounds, never code results', () => {
    const outcome = {
      rounds: [
        { generated: `Let me compute.\n${FENCE}python\nprint("<<<7>>>")\n${FENCE}`, code: 'print("<<<7>>>")', result: '\nCode Execution Results: <<<7>>>\n' },
        { generated: '\nSo the answer is <<<8>>>', code: null, result: null },
      ],
      transcript: 'ignored when rounds are present <<<9>>>',
    };
    expect(modelText(outcome)).toBe(`Let me compute.\n${FENCE}python\nprint("<<<7>>>")\n${FENCE}\n\nSo the answer is <<<8>>>`);
    expect(modelText(outcome.rounds)).toBe(modelText(outcome));
  });

  it('keeps a round cut right after its closing fence apart from the next round, so the answer is found', () => {
    // The loop cuts a round right after the fence; joined without a separator the fence line would read
    // "```So ..." and the answer would seem to sit inside an unclosed block.
    const rounds = [
      { generated: `${FENCE}python\nprint(1)\n${FENCE}`, code: 'print(1)', result: '\nCode Execution Results: 1\n' },
      { generated: 'So the answer is <<<1>>>', code: null, result: null },
    ];
    expect(scoreResponse({ id: 'x', task: 'new_operator', question: '', solution: { solution: 1 } } as never, rounds).extracted).toBe('1');
  });

  it('reads a transcript-only object as a string and skips rounds that are not objects', () => {
    expect(modelText({ transcript: 'a <<<1>>>' })).toBe('a <<<1>>>');
    expect(modelText([null, { generated: 'x' }, 3, { generated: 5 }])).toBe('x');
  });

  it('gives no text for values that are not responses', () => {
    for (const value of [null, undefined, 42, {}, { rounds: 'no' }, true]) expect(modelText(value)).toBe('');
  });
});

describe('stripExecutionResults', () => {
  it('removes a results segment after a closed block up to the first blank line', () => {
    const text = `Try it.\n${FENCE}python\nprint(24)\n${FENCE}\nCode Execution Results: 24\n<<<24>>>\nmore output\n\nSo the answer is <<<(1+1)*12>>>`;
    expect(stripExecutionResults(text)).toBe(`Try it.\n${FENCE}python\nprint(24)\n${FENCE}\n\nSo the answer is <<<(1+1)*12>>>`);
  });

  it('ends a segment at the next code fence', () => {
    const text = `${FENCE}python\nprint(1)\n${FENCE}\nCode Execution Results: 1\n${FENCE}python\nprint(2)\n${FENCE}`;
    expect(stripExecutionResults(text)).toBe(`${FENCE}python\nprint(1)\n${FENCE}\n${FENCE}python\nprint(2)\n${FENCE}`);
  });

  it('removes results running to the end of the text, and allows blank lines between fence and results', () => {
    expect(stripExecutionResults(`${FENCE}python\nx\n${FENCE}\n\nCode Execution Results: <<<5>>>\nTraceback`)).toBe(`${FENCE}python\nx\n${FENCE}\n`);
  });

  it('keeps the marker text when it is not right after a closed code block', () => {
    const prose = 'I expect Code Execution Results: to say\nCode Execution Results: <<<3>>>';
    expect(stripExecutionResults(prose)).toBe(prose);
    const inside = `${FENCE}python\nCode Execution Results: 1\n${FENCE}`;
    expect(stripExecutionResults(inside)).toBe(inside);
  });

  it('keeps text that is not execution results unchanged, CRLF becoming LF', () => {
    expect(stripExecutionResults('a\r\nb <<<1>>>')).toBe('a\nb <<<1>>>');
  });
});
