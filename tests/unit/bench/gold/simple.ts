/** Gold answers for tasks with one right answer, written the way each question shows its format. */
import { sol } from '../records';
import type { GoldSpec } from './types';

const otherDigit = (d: string) => String((Number(d) + 1) % 10);
const otherLetter = (c: string, alphabet: string) => alphabet[(alphabet.indexOf(c) + 1) % alphabet.length];
const swapFirstDifferent = <T>(items: T[]): T[] | null => {
  const j = items.findIndex((x) => x !== items[0]);
  if (j < 0) return null;
  const copy = [...items];
  [copy[0], copy[j]] = [copy[j], copy[0]];
  return copy;
};
const quoted = (items: string[]) => '[' + items.map((x) => `"${x}"`).join(', ') + ']';

export const cryptanalysis: GoldSpec = {
  gold: (r) => ' ' + quoted(sol<string[]>(r, 'answer')) + ' ',
  perturb: (r) => {
    const [a, b, c, d] = sol<string[]>(r, 'answer');
    return [
      quoted([otherDigit(a), b, c, d]),
      quoted([a, b, c, otherLetter(d, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')]),
      quoted([b, a, c, d]),
      quoted([a, b, c]),
    ];
  },
};

export const mahjong_pattern: GoldSpec = {
  gold: (r) => String(sol<number>(r, 'solution')),
  perturb: (r) => [String((sol<number>(r, 'solution') + 1) % 3), '', '0 1'],
};

export const matrix_transformation: GoldSpec = {
  gold: (r) => sol<string>(r, 'formatted_solution'),
  perturb: (r) => {
    const cells = sol<string[][]>(r, 'solution').flat();
    const wrongCell = [...cells];
    wrongCell[0] = wrongCell[0] === 'A' ? 'B' : 'A';
    const swapped = swapFirstDifferent(cells);
    const rotatedTheOtherWay = sol<string[][]>(r, 'matrix').map((row) => [...row]);
    return [wrongCell.join(','), cells.slice(1).join(','), ...(swapped ? [swapped.join(',')] : []), rotatedTheOtherWay.flat().join(',')].filter(
      (w) => w !== cells.join(','),
    );
  },
};

export const pattern_recognition: GoldSpec = {
  gold: (r) => `[${sol<number>(r, 'row')}, ${sol<number>(r, 'column')}]`,
  perturb: (r) => {
    const row = sol<number>(r, 'row');
    const col = sol<number>(r, 'column');
    return [`[${row + 1}, ${col}]`, `[${row}, ${col - 1}]`, `[${row}]`, ...(row !== col ? [`[${col}, ${row}]`] : [])];
  },
};

export const statistical_counting: GoldSpec = {
  gold: (r) => String(sol<number>(r, 'solution')),
  perturb: (r) => [String(sol<number>(r, 'solution') + 1), `${sol<number>(r, 'solution')} 1`],
};

export const string_insertion: GoldSpec = {
  gold: (r) => sol<string>(r, 'modified_string'),
  perturb: (r) => {
    const s = sol<string>(r, 'modified_string');
    return [s.slice(0, -1), s + 'A', otherLetter(s[0], 'ABCDE') + s.slice(1), sol<string>(r, 'original_string')];
  },
};

export const string_deletion_and_modification: GoldSpec = {
  gold: (r) => ` "${sol<string>(r, 'final_string')}" `,
  perturb: (r) => {
    const s = sol<string>(r, 'final_string');
    const states = sol<string[]>(r, 'intermediate_states');
    const previous = states.length > 1 ? [`"${states[states.length - 2]}"`] : [];
    return [`"${s.slice(1)}"`, `"${s}a"`, `"${otherLetter(s[0], 'abcz')}${s.slice(1)}"`, ...previous];
  },
};

const counts = (r: Parameters<GoldSpec['gold']>[0], name: string) => sol<(string | number)[]>(r, name).map(String);
const bump = (items: string[], at: number) => items.map((x, i) => (i === at ? String(Number(x) + 1) : x));

export const string_splitting: GoldSpec = {
  gold: (r) => quoted(counts(r, 'expected_answer')),
  perturb: (r) => {
    const c = counts(r, 'expected_answer');
    const swapped = swapFirstDifferent(c);
    return [quoted(bump(c, 5)), quoted(bump(c, 0)), quoted(c.slice(0, 5)), ...(swapped ? [quoted(swapped)] : [])];
  },
};

export const string_synthesis: GoldSpec = {
  gold: (r) => counts(r, 'final_counts').join(' '),
  perturb: (r) => {
    const c = counts(r, 'final_counts');
    const swapped = swapFirstDifferent(c);
    return [bump(c, 8).join(' '), bump(c, 3).join(' '), c.slice(1).join(' '), ...(swapped ? [swapped.join(' ')] : [])];
  },
};
