/**
 * string_insertion: the string after one T operation. One right answer: the stored `modified_string`.
 * Quotes, brackets and spaces around it are ignored; the letters are compared exactly (the task's
 * alphabet is upper case A-E, so case is content, and a space inside the string is a wrong character).
 */
import { field, mismatch, stringAnswer } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = String(field(record.solution, 'modified_string'));
  const got = stringAnswer(answer);
  return got === expected ? { correct: true } : { correct: false, reason: mismatch(got, expected) };
};
