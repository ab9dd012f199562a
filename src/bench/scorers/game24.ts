/**
 * game24: an expression using each of the question's four numbers once, with + - * / and parentheses,
 * equal to 24 (`((10-9)*(11+13)) = 24`). Several answers are right, so the expression is checked, not
 * compared: the numbers are the last `Input:` of the question (the earlier ones are worked examples),
 * the value is computed exactly with fractions. A trailing `= 24` is optional; `×` and `÷` are read as
 * `*` and `/`. Unary minus and joining digits into new numbers are not allowed (they are not in the game).
 */
import { evaluateTokens, fractionEquals, lexExpression, showFraction } from './arithmetic';
import { mismatch } from './parse';
import { ScoreError, wrong, RIGHT, type Judge } from './types';

const TARGET = 24;

/** The four numbers of the puzzle: the last `Input: a b c d` of the question. */
export function game24Numbers(question: string): number[] {
  const inputs = [...question.matchAll(/Input:\s*((?:\d+\s+){3}\d+)/g)];
  if (inputs.length === 0) throw new ScoreError('cannot find the input numbers in the question');
  return inputs[inputs.length - 1][1].trim().split(/\s+/).map(Number);
}

export const judge: Judge = (record, answer) => {
  const wanted = game24Numbers(record.question);
  const expression = answer
    .replace(/^\s*24\s*=/, '')
    .replace(/=\s*24\s*\.?\s*$/, '')
    .trim();
  const { value, numbers } = evaluateTokens(lexExpression(expression));
  if (!sameMultiset(numbers, wanted)) return wrong(`the expression must use ${wanted.join(' ')} once each: ${mismatch(numbers, wanted)}`);
  return fractionEquals(value, TARGET) ? RIGHT : wrong(`the expression equals ${showFraction(value)}, not ${TARGET}`);
};

function sameMultiset(a: number[], b: number[]): boolean {
  const sort = (xs: number[]) => [...xs].sort((x, y) => x - y);
  return a.length === b.length && sort(a).every((x, i) => x === sort(b)[i]);
}
