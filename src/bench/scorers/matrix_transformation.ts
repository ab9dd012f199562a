/**
 * matrix_transformation: a small matrix of characters rotated 90 degrees clockwise. One right answer: the
 * stored `solution` matrix, compared cell by cell in row order (`Y,V,E,C`, rows on lines, or nested
 * lists all read the same). Cells are compared exactly: letters keep their case.
 */
import { compareLists, field, tokens } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = field<string[][]>(record.solution, 'solution').flat().map(String);
  return compareLists(tokens(answer), expected);
};
