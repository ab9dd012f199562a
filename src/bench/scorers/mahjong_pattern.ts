/**
 * mahjong_pattern: the result of the last round as one number (0 Pass, 1 Peng, 2 Chi). One right answer:
 * the stored `solution`, even in the few questions that offer only 0 and 1 but store 2 (the published
 * accuracy counted those stored values).
 */
import { field, integers, mismatch } from './parse';
import type { Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = Number(field(record.solution, 'solution'));
  const got = integers(answer);
  if (got.length !== 1) return { correct: false, reason: `expected one number, got ${got.length}` };
  return got[0] === expected ? { correct: true } : { correct: false, reason: mismatch(got[0], expected) };
};
