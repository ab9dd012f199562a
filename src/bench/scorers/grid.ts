/** Grid checks shared by the fill-in puzzles (sudoku, letter squares). */

/** True when `cells` holds each of `symbols` exactly once. */
export function isPermutationOf<T>(cells: readonly T[], symbols: readonly T[]): boolean {
  return cells.length === symbols.length && symbols.every((s) => cells.includes(s));
}

export function column<T>(grid: readonly T[][], c: number): T[] {
  return grid.map((row) => row[c]);
}

/** Splits a flat list into rows of `width`. */
export function toRows<T>(cells: readonly T[], width: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < cells.length; i += width) rows.push(cells.slice(i, i + width));
  return rows;
}

/** The first given cell (non-empty in `puzzle`) that `grid` changes, as `row col` from 0, or null. */
export function changedGiven<T>(puzzle: readonly (T | null)[][], grid: readonly T[][]): string | null {
  for (let r = 0; r < puzzle.length; r++) {
    for (let c = 0; c < puzzle[r].length; c++) {
      if (puzzle[r][c] !== null && puzzle[r][c] !== grid[r][c]) return `${r} ${c}`;
    }
  }
  return null;
}
