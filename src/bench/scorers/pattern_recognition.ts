/**
 * pattern_recognition: the bottom-right corner of the one square of equal characters (the question says
 * the answer is unique), written `[row, column]`. Compared with the stored `row` and `column`.
 */
import { compareLists, field, integers } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = [Number(field(record.solution, 'row')), Number(field(record.solution, 'column'))];
  return compareLists(integers(answer), expected);
};
