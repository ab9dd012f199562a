/**
 * string_synthesis: the counts of the nine blocks [A] [B] [C] {A} {B} {C} (A) (B) (C) after synthesis,
 * stored as `solution_string` `<<<0 0 0 4 1 0 0 0 0>>>`. One right answer: the stored `final_counts`,
 * compared in order (spaces or commas, brackets optional).
 */
import { compareLists, field, integers } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = field<number[]>(record.solution, 'final_counts').map(Number);
  return compareLists(integers(answer), expected);
};
