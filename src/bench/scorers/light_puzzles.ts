/**
 * light_puzzles: the n*n light grid after the button presses, as 0/1 values in row order
 * (`<<<0,0,0,0>>>`). One right answer: the stored `solution`. Rows written like the question's grid
 * (`10010` per line) are read digit by digit.
 */
import { compareLists, field, splitCells, tokens } from './parse';
import { ScoreError, type Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = field<number[]>(record.solution, 'solution').map(Number);
  const items = splitCells(tokens(answer), /^[01]+$/);
  if (!items.every((item) => item === '0' || item === '1')) throw new ScoreError('the answer holds values other than 0 and 1');
  const got = items.map(Number);
  return compareLists(got, expected);
};
