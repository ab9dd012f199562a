/**
 * string_insertion: the string after one T operation. One right answer: the stored `modified_string`.
 * Quotes and spaces around or inside it are ignored; the letters are compared exactly (the task's
 * alphabet is upper case A-E, so case is content).
 */
import { field, mismatch, tokens } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = String(field(record.solution, 'modified_string'));
  const got = tokens(answer).join('');
  return got === expected ? { correct: true } : { correct: false, reason: mismatch(got, expected) };
};
