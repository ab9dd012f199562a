/**
 * logic_puzzle: select K cells of a number grid, starting with a given cell, so that every row and column
 * meets the question's rule, written as `row col` pairs (`<<<0 3, 1 0, 2 4>>>`). Several answers are
 * right, so the selection is checked against the question: K distinct cells on the grid, the first
 * selected cell among them, the selected numbers all different ("select K different numbers"; every
 * stored selection has distinct values), and, for every row and column holding selected numbers, their
 * sum at most the bound ("sum ... less than or equal to N") or their product above it ("product ...
 * greater than N"). Some stored selections break these rules and some small grids have no valid
 * selection: those questions cannot be answered right.
 */
import { capture, pairs } from './parse';
import { ScoreError, wrong, RIGHT, type Judge } from './types';

type Rule = { kind: 'sum-at-most' | 'product-above'; bound: number };

export interface SelectionPuzzle {
  grid: number[][];
  count: number;
  first: [number, number];
  rule: Rule;
}

/** Reads the grid, the selection size, the first cell and the row/column rule from the question. */
export function selectionPuzzle(question: string): SelectionPuzzle {
  const size = Number(capture(question, /Given a (\d+)\*\d+ grid/, 'the grid size'));
  const count = Number(capture(question, /select (\d+) different numbers/, 'how many numbers to select'));
  const firstText = capture(question, /\((\d+\s*,\s*\d+)\) as the first selected number/, 'the first selected cell');
  const first = firstText.split(',').map(Number) as [number, number];
  const sum = /sum of the selected numbers in each row and each column should be less than or equal to (-?\d+)/.exec(question);
  const product = /product of each row and column of the selected numbers? must be greater than (-?\d+)/.exec(question);
  let rule: Rule;
  if (sum) rule = { kind: 'sum-at-most', bound: Number(sum[1]) };
  else if (product) rule = { kind: 'product-above', bound: Number(product[1]) };
  else throw new ScoreError('cannot find the row/column rule in the question');
  const afterFirst = question.slice(question.indexOf('as the first selected number'));
  const grid = afterFirst
    .split('\n')
    .filter((line) => /^\s*-?\d+(\s*,\s*-?\d+)*\s*$/.test(line))
    .slice(0, size)
    .map((line) => line.split(',').map(Number));
  if (grid.length !== size || grid.some((row) => row.length !== size)) throw new ScoreError(`cannot read the ${size}*${size} grid in the question`);
  return { grid, count, first, rule };
}

/** Why `selection` breaks the puzzle's rules, or null when it is a right answer. */
export function selectionProblem(puzzle: SelectionPuzzle, selection: [number, number][]): string | null {
  const { grid, count, first, rule } = puzzle;
  const size = grid.length;
  const seen = new Set<string>();
  for (const [r, c] of selection) {
    if (r < 0 || r >= size || c < 0 || c >= size) return `(${r},${c}) is off the grid`;
    if (seen.has(`${r} ${c}`)) return `(${r},${c}) is selected twice`;
    seen.add(`${r} ${c}`);
  }
  if (selection.length !== count) return `expected ${count} cells, got ${selection.length}`;
  if (!seen.has(`${first[0]} ${first[1]}`)) return `the first selected cell (${first[0]},${first[1]}) is missing`;
  const values = selection.map(([r, c]) => grid[r][c]);
  if (new Set(values).size !== values.length) return 'the selected numbers are not all different';
  for (let i = 0; i < size; i++) {
    for (const [name, line] of [
      ['row', selection.filter(([r]) => r === i)],
      ['column', selection.filter(([, c]) => c === i)],
    ] as const) {
      if (line.length === 0) continue;
      const numbers = line.map(([r, c]) => grid[r][c]);
      if (rule.kind === 'sum-at-most') {
        const total = numbers.reduce((a, b) => a + b, 0);
        if (total > rule.bound) return `${name} ${i} sums to ${total}, more than ${rule.bound}`;
      } else {
        const product = numbers.reduce((a, b) => a * b, 1);
        if (!(product > rule.bound)) return `${name} ${i} multiplies to ${product}, not more than ${rule.bound}`;
      }
    }
  }
  return null;
}

export const judge: Judge = (record, answer) => {
  const problem = selectionProblem(selectionPuzzle(record.question), pairs(answer));
  return problem ? wrong(problem) : RIGHT;
};
