/**
 * eight_queens: complete an 8*8 board holding some queens (`1`) and blocked cells (`X`) to eight queens
 * no two of which attack each other, written as `row col` pairs (`<<<0 3, 1 0, 2 4>>>`). Several answers
 * are right, so the placement is checked against the question's board: the answer may list all eight
 * queens or only the ones it adds (the question says "complete the placement of the remaining queens");
 * together with the given queens they must be exactly eight distinct cells on the board, none blocked, no
 * two sharing a row, column or diagonal.
 */
import { pairs } from './parse';
import { ScoreError, wrong, RIGHT, type Judge } from './types';

const SIZE = 8;

/** The question's board: eight lines of eight `0`, `1` or `X`. */
export function queensBoard(question: string): string[] {
  const rows = question.split('\n').map((line) => line.trim()).filter((line) => /^[01X]{8}$/.test(line));
  if (rows.length !== SIZE) throw new ScoreError(`cannot read the 8*8 board in the question (found ${rows.length} rows)`);
  return rows;
}

export const judge: Judge = (record, answer) => {
  const board = queensBoard(record.question);
  const given: [number, number][] = [];
  board.forEach((row, r) => [...row].forEach((cell, c) => cell === '1' && given.push([r, c])));
  const key = ([r, c]: [number, number]) => `${r} ${c}`;
  const queens = new Map(given.map((q) => [key(q), q]));
  for (const queen of pairs(answer)) {
    const [r, c] = queen;
    if (r < 0 || r >= SIZE || c < 0 || c >= SIZE) return wrong(`(${r},${c}) is off the board`);
    if (board[r][c] === 'X') return wrong(`(${r},${c}) is blocked`);
    queens.set(key(queen), queen);
  }
  if (queens.size !== SIZE) return wrong(`the board would hold ${queens.size} queens, not ${SIZE}`);
  const placed = [...queens.values()];
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const [r1, c1] = placed[i];
      const [r2, c2] = placed[j];
      if (r1 === r2 || c1 === c2 || Math.abs(r1 - r2) === Math.abs(c1 - c2)) return wrong(`queens at (${r1},${c1}) and (${r2},${c2}) attack each other`);
    }
  }
  return RIGHT;
};
