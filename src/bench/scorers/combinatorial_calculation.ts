/**
 * combinatorial_calculation: the question's integers, in their given order, joined by + - * / and
 * parentheses so the result equals the target, written as a list of values and symbols
 * (`[7, -, 1, +, 4]`). Several answers are right, so the list is checked, not compared with the stored
 * one: numbers in the question's order, each once, and the exact value (fractions, usual precedence)
 * equal to the target. The list's commas and one pair of outer brackets are layout; a plain expression
 * (`7-1+4`) reads the same, and a closing `= 10` is allowed. Two numbers in a row without an operator
 * are refused.
 */
import { evaluateTokens, fractionEquals, lexExpression, showFraction } from './arithmetic';
import { capture, mismatch, sameList } from './parse';
import { wrong, RIGHT, type Judge } from './types';

/** The question's numbers and target: `the input numbers are: 7, 1, 4, the target values is: 10`. */
export function combinatorialPuzzle(question: string): { numbers: number[]; target: number } {
  const numbers = capture(question, /input numbers are:\s*([\d,\s]+?),?\s*the target/i, 'the input numbers')
    .split(',')
    .map((n) => Number(n.trim()));
  const target = Number(capture(question, /target values? is:\s*(-?\d+)/i, 'the target'));
  return { numbers, target };
}

export const judge: Judge = (record, answer) => {
  const { numbers: wanted, target } = combinatorialPuzzle(record.question);
  // A closing `= target` (as an item or after the list) says what the list is meant to equal: layout.
  const withoutResult = answer.trim().replace(new RegExp(`,?\\s*=\\s*,?\\s*${target}\\s*(\\]?)\\s*$`), '$1');
  const inner = withoutResult.trim().replace(/^\[([\s\S]*)\]$/, '$1');
  const pieces = inner.split(',').map((piece) => piece.replace(/["']/g, '').trim()).filter((piece) => piece !== '');
  // Each list item must be one token: "1 2" inside one item is two numbers with nothing between them.
  const items = pieces.flatMap((piece) => lexExpression(piece));
  const { value, numbers } = evaluateTokens(items);
  if (!sameList(numbers, wanted)) return wrong(`the numbers must be ${wanted.join(', ')} in this order, once each: ${mismatch(numbers, wanted)}`);
  return fractionEquals(value, target) ? RIGHT : wrong(`the expression equals ${showFraction(value)}, not ${target}`);
};
