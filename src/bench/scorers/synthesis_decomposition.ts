/**
 * synthesis_decomposition: what remains after cycling through exchange methods, as the list the question
 * names, e.g. `[remaining_A, remaining_B, remaining_C, obtained_X, obtained_Y]` or, in the two-crop
 * variant, `[remaining_A, remaining_B, obtained_X]`. One right answer: the stored `answer`, which always
 * has five values A, B, C, X, Y (C and Y are 0 in the two-crop variant); the question's list picks
 * which of them the answer must give, in its order.
 */
import { capture, compareLists, field, integers } from './parse';
import { ScoreError, type Judge } from './types';

const STORED_ORDER = ['A', 'B', 'C', 'X', 'Y'];

export const judge: Judge = (record, answer) => {
  const stored = field<{ answer?: unknown }>(record.solution, 'solution').answer;
  if (!Array.isArray(stored) || stored.length !== STORED_ORDER.length) throw new ScoreError('the stored answer is not five values');
  const names = capture(record.question, /as a list showing \[([^\]]+)\]/, 'the answer list').split(',').map((name) => name.trim());
  const expected = names.map((name) => {
    const at = STORED_ORDER.indexOf(name.slice(-1));
    if (at < 0) throw new ScoreError(`unknown quantity "${name}" in the question`);
    return Number(stored[at]);
  });
  return compareLists(integers(answer), expected);
};
