/**
 * Gold answers for the tasks with several right answers. Validity is checked here with independent code
 * reading the stored record (not the question text the scorers parse), so a perturbation counted as
 * wrong is really wrong and a gold answer is really right.
 */
import type { BenchRecord } from '../../../../src/bench/scorers/types';
import { sol } from '../records';
import type { GoldSpec } from './types';

type Cell = [number, number];
const showPairs = (cells: Cell[]) => cells.map(([r, c]) => `${r} ${c}`).join(', ');

// ---- eight queens ----
/** The 92 solutions of the empty board. */
export const ALL_QUEENS: Cell[][] = (() => {
  const found: Cell[][] = [];
  const place = (row: number, cols: number[]) => {
    if (row === 8) return void found.push(cols.map((c, r) => [r, c] as Cell));
    for (let c = 0; c < 8; c++) {
      if (cols.every((d, r) => d !== c && Math.abs(d - c) !== row - r)) place(row + 1, [...cols, c]);
    }
  };
  place(0, []);
  return found;
})();
const hasCell = (cells: Cell[], [r, c]: Cell) => cells.some(([a, b]) => a === r && b === c);

export const eight_queens: GoldSpec = {
  gold: (r) => showPairs(sol<Cell[]>(r, 'solution')),
  perturb: (r) => {
    const solution = sol<Cell[]>(r, 'solution');
    const given = sol<Cell[]>(r, 'placed_queens');
    const blocked = sol<Cell[]>(r, 'blocked_positions');
    const added = solution.filter((q) => !hasCell(given, q));
    const result = [showPairs(solution.filter((q) => q !== added[added.length - 1]))]; // one queen missing
    // An added queen moved into the column of the queen after it.
    const attacking = solution.map(([row, col]): Cell => [row, col]);
    const moved = solution.findIndex((q) => !hasCell(given, q));
    attacking[moved] = [attacking[moved][0], attacking[(moved + 1) % 8][1]];
    result.push(showPairs(attacking));
    const ignoringGiven = ALL_QUEENS.find((s) => !given.every((q) => hasCell(s, q)));
    if (given.length > 0 && ignoringGiven) result.push(showPairs(ignoringGiven));
    const onBlocked = ALL_QUEENS.find((s) => given.every((q) => hasCell(s, q)) && blocked.some((b) => hasCell(s, b)));
    if (onBlocked) result.push(showPairs(onBlocked));
    return result;
  },
};

// ---- logic puzzle ----
export interface Selection {
  grid: number[][];
  count: number;
  first: Cell;
  type: string;
}
export const selectionOf = (r: BenchRecord): Selection => ({
  grid: sol<number[][]>(r, 'grid'),
  count: Number(/select (\d+) different/.exec(r.question)![1]),
  first: /\((\d+),\s*(\d+)\) as the first/.exec(r.question)!.slice(1, 3).map(Number) as Cell,
  type: sol<{ type: string }>(r, 'constraints').type,
});
export function validSelection(p: Selection, cells: Cell[]): boolean {
  const keys = new Set(cells.map(([a, b]) => a * 100 + b));
  const values = cells.map(([a, b]) => p.grid[a]?.[b]);
  if (keys.size !== cells.length || cells.length !== p.count || !keys.has(p.first[0] * 100 + p.first[1])) return false;
  if (values.some((v) => v === undefined) || new Set(values).size !== values.length) return false;
  for (let i = 0; i < p.grid.length; i++) {
    for (const line of [cells.filter(([a]) => a === i), cells.filter(([, b]) => b === i)]) {
      const v = line.map(([a, b]) => p.grid[a][b]);
      if (v.length === 0) continue;
      if (p.type === 'sum_le_4' && v.reduce((x, y) => x + y, 0) > 4) return false;
      if (p.type === 'product_gt_0' && v.reduce((x, y) => x * y, 1) <= 0) return false;
    }
  }
  return true;
}
/** A valid selection by exhaustive search over small grids, or null. */
function searchSelection(p: Selection): Cell[] | null {
  const cells: Cell[] = p.grid.flatMap((row, a) => row.map((_, b): Cell => [a, b])).filter(([a, b]) => a !== p.first[0] || b !== p.first[1]);
  const choose = (start: number, picked: Cell[]): Cell[] | null => {
    if (picked.length === p.count) return validSelection(p, picked) ? picked : null;
    for (let i = start; i < cells.length; i++) {
      const found = choose(i + 1, [...picked, cells[i]]);
      if (found) return found;
    }
    return null;
  };
  return cells.length <= 16 ? choose(0, [p.first]) : null;
}

const NO_VALID_SELECTION = 'the stored selection breaks the row/column rule and no selection of distinct numbers satisfies it';
const logicExceptions = Object.fromEntries(
  [2, 5, 9, 13, 14, 18, 19, 21, 22, 23, 25, 27, 29, 31, 33, 38, 39, 45].map((n) => [`logic_puzzle/${n}`, NO_VALID_SELECTION]),
);

export const logic_puzzle: GoldSpec = {
  gold: (r) => {
    const p = selectionOf(r);
    const stored = sol<Cell[]>(r, 'solution');
    return showPairs(validSelection(p, stored) ? stored : (searchSelection(p) ?? stored));
  },
  perturb: (r) => {
    const p = selectionOf(r);
    const stored = sol<Cell[]>(r, 'solution');
    const chosen = validSelection(p, stored) ? stored : (searchSelection(p) ?? stored);
    const withoutFirst = chosen.filter(([a, b]) => a !== p.first[0] || b !== p.first[1]);
    const spare = p.grid.flatMap((row, a) => row.map((_, b): Cell => [a, b])).find((c) => !hasCell(chosen, c))!;
    return [
      showPairs(chosen.slice(0, -1)), // one cell missing
      showPairs([...chosen.slice(0, -1), chosen[0]]), // one cell twice
      showPairs([...withoutFirst, spare]), // the first selected cell left out
      showPairs([...chosen.slice(0, -1), [p.grid.length, 0]]), // off the grid
    ];
  },
  exceptions: logicExceptions,
};

// ---- permutations and combinations ----
export function arrangementValid(r: BenchRecord, order: string[]): boolean {
  const books = sol<string[]>(r, 'items');
  if (order.length !== books.length || !books.every((b) => order.includes(b))) return false;
  const at = (b: string) => order.indexOf(b) + 1;
  return sol<string>(r, 'constraints_text')
    .split('\n')
    .every((line) => {
      const [, a, rest] = /Book (\w) (.*)$/.exec(line)!;
      const n = Number(/position (\d+)/.exec(rest)?.[1]);
      const b = /book (\w)/.exec(rest)?.[1] ?? '';
      if (rest.startsWith('cannot be placed')) return at(a) !== n;
      if (rest.startsWith('must be placed')) return at(a) === n;
      if (rest.includes('right of')) return at(a) > at(b);
      if (rest.includes('left of')) return at(a) < at(b);
      if (rest.includes('adjacent')) return Math.abs(at(a) - at(b)) === 1;
      throw new Error('unknown constraint ' + line);
    });
}
const showBooks = (order: string[]) => '[' + order.map((b) => `"${b}"`).join(', ') + ']';

export const permutations_and_combinations: GoldSpec = {
  gold: (r) => ' ' + showBooks(sol<string[]>(r, 'correct_solution')) + ' ',
  perturb: (r) => {
    const order = sol<string[]>(r, 'correct_solution');
    const result = [showBooks(order.slice(0, -1)), showBooks([...order.slice(0, -1), order[0]])];
    for (let i = 0; i + 1 < order.length; i++) {
      const swapped = [...order];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
      if (!arrangementValid(r, swapped)) {
        result.push(showBooks(swapped)); // a swapped pair that breaks a constraint
        break;
      }
    }
    return result;
  },
};

// ---- constrained linear arrangement ----
export const constrained_linear_arrangement: GoldSpec = {
  gold: (r) => sol<string[]>(r, 'solution').join(','),
  perturb: (r) => {
    const theirs = sol<string[]>(r, 'solution');
    const mine = sol<string[]>(r, 'player_moves');
    const results = sol<string[]>(r, 'results');
    const decided = results.findIndex((x) => x !== 'draw');
    const wrongs = [theirs.slice(0, -1).join(','), [...theirs.slice(0, -1), 'Z'].join(',')];
    if (theirs.length > 1) wrongs.push([...theirs.slice(0, -1), theirs[0]].join(',')); // a card played twice
    // Playing your own card always draws, so a round that was won or lost breaks.
    if (decided >= 0) wrongs.push(theirs.map((card, i) => (i === decided ? mine[i] : card)).join(','));
    return wrongs;
  },
};
