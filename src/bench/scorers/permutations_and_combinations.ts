/**
 * permutations_and_combinations: arrange the labelled books on positions 1..N so that every listed
 * constraint holds, written as a list of strings (`<<<["A", "B", "C"]>>>`; "one solution is enough").
 * Several answers can be right, so the arrangement is checked against the question: each book exactly
 * once, and every constraint line true. "To the left/right of" means anywhere on that side; "adjacent"
 * means next to each other. A constraint line the scorer does not know makes the record unjudgeable
 * (wrong with a reason) rather than silently skipped. Letters are compared without case.
 */
import { capture, tokens } from './parse';
import { ScoreError, wrong, RIGHT, type Judge } from './types';

type Check = (position: Map<string, number>) => boolean;

const CONSTRAINTS: [RegExp, (a: string, b: string) => Check][] = [
  [/^Book (\w) cannot be placed in position (\d+)\.?$/, (a, n) => (p) => p.get(a) !== Number(n)],
  [/^Book (\w) must be placed in position (\d+)\.?$/, (a, n) => (p) => p.get(a) === Number(n)],
  [/^Book (\w) must be to the right of book (\w)\.?$/, (a, b) => (p) => p.get(a)! > p.get(b)!],
  [/^Book (\w) must be to the left of book (\w)\.?$/, (a, b) => (p) => p.get(a)! < p.get(b)!],
  [/^Book (\w) must be adjacent to book (\w)\.?$/, (a, b) => (p) => Math.abs(p.get(a)! - p.get(b)!) === 1],
];

export interface ShelfPuzzle {
  books: string[];
  constraints: { text: string; holds: Check }[];
}

/** The books (`labeled A, B, C`) and the numbered constraint lines of the question. */
export function shelfPuzzle(question: string): ShelfPuzzle {
  const books = capture(question, /books labeled ([A-Z](?:,\s*[A-Z])*)/, 'the book labels').split(/,\s*/);
  const block = capture(question, /The constraints are:\n([\s\S]*?)\n\s*\n/, 'the constraints');
  const constraints = block
    .split('\n')
    .map((line) => line.trim().replace(/^\d+\.\s*/, ''))
    .filter((line) => line !== '')
    .map((text) => {
      for (const [pattern, make] of CONSTRAINTS) {
        const match = pattern.exec(text);
        if (match) return { text, holds: make(match[1], match[2]) };
      }
      throw new ScoreError(`unknown constraint "${text}"`);
    });
  return { books, constraints };
}

export const judge: Judge = (record, answer) => {
  const { books, constraints } = shelfPuzzle(record.question);
  const order = tokens(answer).map((item) => item.toUpperCase());
  if (order.length !== books.length) return wrong(`expected ${books.length} books, got ${order.length}`);
  const position = new Map(order.map((book, i) => [book, i + 1]));
  const missing = books.filter((book) => !position.has(book));
  if (missing.length > 0) return wrong(`book ${missing.join(', ')} is missing`);
  const broken = constraints.find((constraint) => !constraint.holds(position));
  return broken ? wrong(`breaks "${broken.text}"`) : RIGHT;
};
