/**
 * standard_sudoku: the filled 9*9 grid (`<<<a 9*9 matrix>>>`: rows on lines, commas or spaces, nested
 * lists all read the same, and so do rows written as one number, `951234687`). Judged by the rules, not the stored grid: 81 digits 1-9, every row, column and
 * 3*3 box holding each digit once, and every given of the question's grid kept. A puzzle with several
 * completions accepts each of them.
 */
import { changedGiven, column, isPermutationOf, toRows } from './grid';
import { parseNumber, splitCells, tokens } from './parse';
import { ScoreError, wrong, RIGHT, type Judge } from './types';

const DIGITS = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/** The question's grid: nine lines of nine comma-separated cells, blank cells empty (null). */
export function sudokuPuzzle(question: string): (number | null)[][] {
  const rows = question
    .split('\n')
    .map((line) => line.split(','))
    .filter((cells) => cells.length === 9 && cells.every((cell) => /^\s*\d?\s*$/.test(cell)))
    .map((cells) => cells.map((cell) => (cell.trim() === '' ? null : Number(cell))));
  if (rows.length !== 9) throw new ScoreError(`cannot read the 9*9 grid in the question (found ${rows.length} rows)`);
  return rows;
}

export const judge: Judge = (record, answer) => {
  const puzzle = sudokuPuzzle(record.question);
  const cells = splitCells(tokens(answer), /^[1-9]+$/).map((cell) => parseNumber(cell));
  if (cells.length !== 81) return wrong(`expected 81 digits, got ${cells.length}`);
  const grid = toRows(cells, 9);
  for (let i = 0; i < 9; i++) {
    if (!isPermutationOf(grid[i], DIGITS)) return wrong(`row ${i + 1} does not hold 1-9 once each`);
    if (!isPermutationOf(column(grid, i), DIGITS)) return wrong(`column ${i + 1} does not hold 1-9 once each`);
    const box = grid.slice(3 * Math.floor(i / 3), 3 * Math.floor(i / 3) + 3).flatMap((row) => row.slice(3 * (i % 3), 3 * (i % 3) + 3));
    if (!isPermutationOf(box, DIGITS)) return wrong(`box ${i + 1} does not hold 1-9 once each`);
  }
  const changed = changedGiven(puzzle, grid);
  return changed ? wrong(`the given at ${changed} was changed`) : RIGHT;
};
