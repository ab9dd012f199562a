/**
 * matrix_transformation: a small matrix of characters rotated 90 degrees clockwise. One right answer: the
 * stored `solution` matrix, compared cell by cell in row order (`Y,V,E,C`, rows on lines, or nested
 * lists all read the same). Letters are compared without case, like the other tasks whose letters are
 * labels; digits and symbols exactly.
 */
import { compareLists, field, tokens } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = field<string[][]>(record.solution, 'solution').flat().map((cell) => String(cell).toUpperCase());
  return compareLists(tokens(answer).map((cell) => cell.toUpperCase()), expected);
};
