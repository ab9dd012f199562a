/**
 * 2048: the grid after moving one number. One right answer: the stored `solution` string
 * (`"0, 32\n8, 16"`), compared cell by cell. The answer may be written as rows on lines, one flat list or
 * nested brackets.
 */
import { compareLists, field, integers } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = integers(field<string>(record.solution, 'solution'));
  return compareLists(integers(answer), expected);
};
