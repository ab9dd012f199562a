/**
 * new_operator: the value of an expression with newly defined operators, one number (the format line
 * says "list of values and symbols", but the stored answer is a number). One right answer: the stored
 * `solution`, even for three-operator questions whose stored values match no plain evaluation order
 * (the published accuracy used them). Compared with a tolerance; a fraction (`16/9`) or a value rounded
 * to the decimals it shows (two or more) also counts. Brackets and quotes around the number are ignored.
 */
import { field, mismatch, numberMatches } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = Number(field(record.solution, 'solution'));
  const text = answer.replace(/^[\s[("']+|[\s\])"']+$/g, '');
  if (text === '') return { correct: false, reason: 'the answer is empty' };
  return numberMatches(text, expected, { fractions: true }) ? { correct: true } : { correct: false, reason: mismatch(text, expected) };
};
