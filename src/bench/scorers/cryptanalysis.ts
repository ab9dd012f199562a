/**
 * cryptanalysis: a password of two digits and two letters deduced from guesses and feedback. One right
 * answer (the feedback pins it down): the stored `answer`, e.g. `["3", "9", "C", "W"]`. Letters are
 * compared without case; quotes, brackets and spaces do not matter, and `39CW` written as one item is
 * split into its characters.
 */
import { compareLists, field, tokens } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = field<string[]>(record.solution, 'answer').map((item) => String(item).toUpperCase());
  let got = tokens(answer).map((item) => item.toUpperCase());
  if (got.length === 1 && got[0].length === expected.length) got = [...got[0]];
  return compareLists(got, expected);
};
