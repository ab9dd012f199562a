/** Gold answers for grid and list tasks with one right answer, and for the fill-in puzzles. */
import type { BenchRecord } from '../../../../src/bench/scorers/types';
import { sol } from '../records';
import type { GoldSpec } from './types';

const bumpFirst = (cells: number[]) => [cells[0] + 1, ...cells.slice(1)];

export const pooling: GoldSpec = {
  gold: (r) => sol<number[][]>(r, 'solution').flat().join(','),
  perturb: (r) => {
    const cells = sol<number[][]>(r, 'solution').flat();
    const oneDecimalOff = cells.map((x) => (Number.isInteger(x * 10) ? x + 0.1 : Math.round(x * 10) / 10));
    return [bumpFirst(cells).join(','), cells.slice(1).join(','), oneDecimalOff.map((x) => x.toFixed(1)).join(',')];
  },
};

export const new_operator: GoldSpec = {
  gold: (r) => String(sol<number>(r, 'solution')),
  perturb: (r) => {
    const value = sol<number>(r, 'solution');
    const rounded = Number.isInteger(value * 10) ? [] : [(Math.round(value * 10) / 10 + 0.1).toFixed(1)];
    return [String(value + 1), String(-value - 1), '', ...rounded];
  },
};

export const light_puzzles: GoldSpec = {
  gold: (r) => sol<number[]>(r, 'solution').join(','),
  perturb: (r) => {
    const cells = sol<number[]>(r, 'solution');
    const flipped = cells.map((x, i) => (i === cells.length - 1 ? 1 - x : x));
    return [flipped.join(','), cells.slice(1).join(','), [...cells, 0].join(',')];
  },
};

export const reversi: GoldSpec = {
  gold: (r) => sol<string>(r, 'solution'),
  perturb: (r) => {
    const cells = sol<string>(r, 'solution').split(',');
    const changed = cells.map((x, i) => (i === 0 ? (x === '*' ? '0' : '*') : x));
    return [changed.join(','), cells.slice(0, -1).join(',')];
  },
};

const pick = (r: BenchRecord) => {
  const stored = sol<{ answer: string[] }>(r, 'solution').answer.map(Number);
  // The stored answer is A, B, C, X, Y; the question lists the ones it wants, e.g. [remaining_A, remaining_B, obtained_X].
  const wanted = /as a list showing \[([^\]]+)\]/.exec(r.question)![1].split(',').map((name) => name.trim().slice(-1));
  return wanted.map((name) => stored['ABCXY'.indexOf(name)]);
};

export const synthesis_decomposition: GoldSpec = {
  gold: (r) => `[${pick(r).join(', ')}]`,
  perturb: (r) => {
    const values = pick(r);
    const last = values.length - 1;
    return [`[${values.map((v, i) => (i === last ? v + 1 : v)).join(', ')}]`, `[${values.slice(0, last).join(', ')}]`, `[${[...values, 0].join(', ')}]`];
  },
};

/** Perturbations shared by Latin-square-like fill-ins: a swapped pair, one changed cell, a relabelling. */
function breakSquare<T>(grid: T[][], symbols: T[]): T[][][] {
  const swapped = grid.map((row) => [...row]);
  [swapped[0][0], swapped[0][1]] = [swapped[0][1], swapped[0][0]];
  const changed = grid.map((row) => [...row]);
  changed[4][4] = symbols[(symbols.indexOf(changed[4][4]) + 1) % symbols.length];
  // Swapping two symbols everywhere keeps every row, column and box valid but changes the givens.
  const [a, b] = symbols;
  const relabelled = grid.map((row) => row.map((x) => (x === a ? b : x === b ? a : x)));
  return [swapped, changed, relabelled, grid.slice(1)];
}

export const standard_sudoku: GoldSpec = {
  gold: (r) => sol<number[][]>(r, 'solution').map((row) => row.join(',')).join('\n'),
  perturb: (r) => breakSquare(sol<number[][]>(r, 'solution'), [1, 2, 3, 4, 5, 6, 7, 8, 9]).map((g) => g.map((row) => row.join(',')).join('\n')),
};

export const letter_logic_diagram: GoldSpec = {
  gold: (r) => '\n' + sol<string[][]>(r, 'solution').map((row) => row.join(',')).join('\n') + '\n',
  perturb: (r) => {
    const grid = sol<string[][]>(r, 'solution');
    // Relabel the two letters that are most likely given: the first row's first two.
    const symbols = [grid[0][0], grid[0][1], ...'abcdefg'].filter((x, i, all) => all.indexOf(x) === i);
    return breakSquare(grid, symbols).map((g) => g.map((row) => row.join(',')).join('\n'));
  },
};
