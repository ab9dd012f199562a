/**
 * string_deletion_and_modification: the final string after cycling through rewrite rules. One right
 * answer: the stored `final_string`. The question asks for `<<< "some_final_string" >>>`: quotes,
 * brackets and outer spaces are optional; the characters are compared exactly.
 */
import { field, mismatch, stringAnswer } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = String(field(record.solution, 'final_string'));
  const got = stringAnswer(answer);
  return got === expected ? { correct: true } : { correct: false, reason: mismatch(got, expected) };
};
