/** statistical_counting: a total score, one number. One right answer: the stored `solution`. */
import { field, integers, mismatch } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = Number(field(record.solution, 'solution'));
  const got = integers(answer);
  if (got.length !== 1) return { correct: false, reason: `expected one number, got ${got.length}` };
  return got[0] === expected ? { correct: true } : { correct: false, reason: mismatch(got[0], expected) };
};
