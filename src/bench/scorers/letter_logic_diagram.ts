/**
 * letter_logic_diagram: a 7*7 square of letters a-g filled in (rows on lines, letters separated by
 * commas). Judged by the question's rules, not the stored grid: each row and column holds every letter
 * once, the minor diagonal (top right to bottom left) holds one letter throughout, and the pre-filled
 * cells are kept. Case is ignored (the letters are the content); spaces, quotes and brackets are too,
 * and a row written as one word (`bdecgfa`) reads letter by letter.
 */
import { changedGiven, column, isPermutationOf, toRows } from './grid';
import { splitCells, tokens } from './parse';
import { ScoreError, wrong, RIGHT, type Judge } from './types';

const SIZE = 7;
const LETTERS = [...'abcdefg'];

/** The question's grid: seven lines of seven comma-separated cells, blank cells empty (null). */
export function letterPuzzle(question: string): (string | null)[][] {
  const rows = question
    .split('\n')
    .map((line) => line.split(','))
    .filter((cells) => cells.length === SIZE && cells.every((cell) => /^\s*[a-g]?\s*$/.test(cell)))
    .map((cells) => cells.map((cell) => cell.trim() || null));
  if (rows.length !== SIZE) throw new ScoreError(`cannot read the 7*7 grid in the question (found ${rows.length} rows)`);
  return rows;
}

export const judge: Judge = (record, answer) => {
  const puzzle = letterPuzzle(record.question);
  const cells = splitCells(tokens(answer), /^[a-g]+$/i).map((cell) => cell.toLowerCase());
  if (cells.length !== SIZE * SIZE) return wrong(`expected ${SIZE * SIZE} letters, got ${cells.length}`);
  const grid = toRows(cells, SIZE);
  for (let i = 0; i < SIZE; i++) {
    if (!isPermutationOf(grid[i], LETTERS)) return wrong(`row ${i + 1} does not hold a-g once each`);
    if (!isPermutationOf(column(grid, i), LETTERS)) return wrong(`column ${i + 1} does not hold a-g once each`);
  }
  const diagonal = grid.map((row, r) => row[SIZE - 1 - r]);
  if (!diagonal.every((cell) => cell === diagonal[0])) return wrong('the minor diagonal does not hold one letter');
  const changed = changedGiven(puzzle, grid);
  return changed ? wrong(`the pre-filled cell at ${changed} was changed`) : RIGHT;
};
