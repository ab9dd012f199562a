/**
 * light_puzzles: the n*n light grid after the button presses, as 0/1 values in row order
 * (`<<<0,0,0,0>>>`). One right answer: the stored `solution`. Rows written like the question's grid
 * (`10010` per line) are read digit by digit.
 */
import { compareLists, field, tokens } from './parse';
import { ScoreError, type Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = field<number[]>(record.solution, 'solution').map(Number);
  const items = tokens(answer);
  if (!items.every((item) => /^[01]+$/.test(item))) throw new ScoreError('the answer holds values other than 0 and 1');
  const got = [...items.join('')].map(Number);
  return compareLists(got, expected);
};
