/**
 * pooling: max or average pooling of a small matrix; the result matrix in row order (`<<<0,0,0,0>>>`,
 * rows on lines or nested lists read the same). One right answer: the stored `solution` matrix. Averages
 * are Python floats (`7.555555555555555`), so each cell is compared with a tolerance and a value rounded
 * to the decimals it shows (two or more) also counts (`7.56`).
 */
import { field, mismatch, numberMatches, tokens } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = field<number[][]>(record.solution, 'solution').flat().map(Number);
  const got = tokens(answer);
  if (got.length !== expected.length) return { correct: false, reason: `expected ${expected.length} cells, got ${got.length}` };
  const at = got.findIndex((cell, i) => !numberMatches(cell, expected[i], { fractions: true }));
  return at < 0 ? { correct: true } : { correct: false, reason: `cell ${at + 1}: ${mismatch(got[at], expected[at])}` };
};
