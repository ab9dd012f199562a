/**
 * reversi: the board after the listed moves, cells `*`, `0`, `1` in row order
 * (`<<<*,*,*,*,...>>>`). One right answer: the stored `solution` string, compared cell by cell (the
 * question's "previous round" board already includes the moves; the stored answers follow that).
 * Rows written without separators (`*01*` per line) are read cell by cell.
 */
import { compareLists, field, splitCells, tokens } from './parse';
import { ScoreError, type Judge } from './types';

export const judge: Judge = (record, answer) => {
  const expected = tokens(String(field(record.solution, 'solution')));
  const items = splitCells(tokens(answer), /^[*01]+$/);
  if (!items.every((item) => item.length === 1)) throw new ScoreError('the answer holds cells other than *, 0 and 1');
  return compareLists(items, expected);
};
