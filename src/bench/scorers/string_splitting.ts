/**
 * string_splitting: six counts, machines A, B, C then parts X, Y, Z, e.g. `["1", "0", "1", "1", "1", "1"]`.
 * One right answer: the stored `expected_answer`, compared as numbers in order.
 */
import { compareLists, field, integers } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = field<string[]>(record.solution, 'expected_answer').map(Number);
  return compareLists(integers(answer), expected);
};
