/**
 * Parsing shared by the scorers. Lenient on layout (brackets, quotes, commas, spaces, line breaks), strict
 * on content: a token that is not what the task expects makes the parse fail with a ScoreError.
 */
import { ScoreError } from './types';

const WRAPPERS = /[[\](){}"'`]/g;

/**
 * The answer's items in order: brackets, parentheses, braces and quotes are dropped, items are split on
 * commas, semicolons and whitespace (line breaks included). `[["a", "b"], ["c"]]`, `a,b\nc` and
 * `a b c` all give `["a","b","c"]`.
 */
export function tokens(answer: string): string[] {
  return answer.replace(WRAPPERS, ' ').split(/[\s,;]+/).filter((t) => t !== '');
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number (`3`, `-2.5`, `7.555555555555555`, `1e3`); a fraction `a/b` only when allowed. */
export function parseNumber(text: string, options: { fractions?: boolean } = {}): number {
  const t = text.trim();
  if (NUMBER.test(t)) return Number(t);
  const fraction = options.fractions ? /^([+-]?\d+(?:\.\d+)?)\s*\/\s*([+-]?\d+(?:\.\d+)?)$/.exec(t) : null;
  if (fraction) {
    const denominator = Number(fraction[2]);
    if (denominator !== 0) return Number(fraction[1]) / denominator;
  }
  throw new ScoreError(`"${t}" is not a number`);
}

/** Every item of the answer as a number (see `tokens`). */
export function numbers(answer: string, options: { fractions?: boolean } = {}): number[] {
  return tokens(answer).map((t) => parseNumber(t, options));
}

/** Every item of the answer as an integer. */
export function integers(answer: string): number[] {
  return numbers(answer).map((n) => {
    if (!Number.isInteger(n)) throw new ScoreError(`${n} is not a whole number`);
    return n;
  });
}

/**
 * `row col` pairs: `0 3, 1 0`, `(0,3), (1,0)`, `[[0, 3], [1, 0]]` all give `[[0,3],[1,0]]`. The items are
 * read in order and paired; an odd count is an error.
 */
export function pairs(answer: string): [number, number][] {
  const values = integers(answer);
  if (values.length % 2 !== 0) throw new ScoreError(`${values.length} numbers cannot be read as row/column pairs`);
  const result: [number, number][] = [];
  for (let i = 0; i < values.length; i += 2) result.push([values[i], values[i + 1]]);
  return result;
}

/**
 * A string answer: outer whitespace, then one pair of surrounding brackets, then one pair of quotes are
 * removed (`["abc"]`, `"abc"`, ` abc ` all give `abc`); the characters inside are kept exactly.
 */
export function stringAnswer(answer: string): string {
  const t = answer.trim();
  const bracketed = /^\[([\s\S]*)\]$/.exec(t);
  return unquote(bracketed ? bracketed[1] : t);
}

/** The answer without one layer of surrounding quotes (", ', `) and whitespace. */
export function unquote(answer: string): string {
  const t = answer.trim();
  const match = /^(["'`])([\s\S]*)\1$/.exec(t);
  return match ? match[2].trim() : t;
}

/** True when both lists have the same length and equal items in order. */
export function sameList<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean = Object.is): boolean {
  return a.length === b.length && a.every((x, i) => equal(x, b[i]));
}

/** Equal within a relative tolerance suited to values printed from Python floats. */
export function closeTo(a: number, b: number, relative = 1e-6, absolute = 1e-9): boolean {
  return Math.abs(a - b) <= Math.max(absolute, relative * Math.max(Math.abs(a), Math.abs(b)));
}

/** The first capture of `pattern` in `text`, or a ScoreError naming what was looked for. */
export function capture(text: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(text);
  if (!match || match[1] === undefined) throw new ScoreError(`cannot find ${what} in the question`);
  return match[1];
}

/** A field of the stored solution record, or a ScoreError saying the record cannot be judged. */
export function field<T = unknown>(solution: unknown, name: string): T {
  if (typeof solution !== 'object' || solution === null || !(name in solution)) {
    throw new ScoreError(`the stored solution has no "${name}"`);
  }
  return (solution as Record<string, unknown>)[name] as T;
}

/** Describes a mismatch briefly for a verdict's reason. */
export function mismatch(got: unknown, expected: unknown): string {
  const show = (v: unknown) => {
    const s = JSON.stringify(v);
    return s.length > 120 ? s.slice(0, 117) + '...' : s;
  };
  return `expected ${show(expected)}, got ${show(got)}`;
}

/** Right when `got` equals `expected` item by item; otherwise wrong with a short reason. */
export function compareLists<T>(got: readonly T[], expected: readonly T[], equal: (x: T, y: T) => boolean = Object.is): { correct: boolean; reason?: string } {
  if (got.length !== expected.length) return { correct: false, reason: `expected ${expected.length} items, got ${got.length}: ${mismatch(got, expected)}` };
  const at = got.findIndex((x, i) => !equal(x, expected[i]));
  return at < 0 ? { correct: true } : { correct: false, reason: `item ${at + 1} differs: ${mismatch(got, expected)}` };
}

/**
 * True when the written number `text` stands for `expected`: equal within floating-point noise, or, when
 * the text shows at least two decimals, `expected` correctly rounded to that many (`1.78` for
 * 1.7777777777777777). Fractions `a/b` are read when `fractions` is set.
 */
export function numberMatches(text: string, expected: number, options: { fractions?: boolean } = {}): boolean {
  const got = parseNumber(text, options);
  if (closeTo(got, expected)) return true;
  const decimals = /\.(\d+)$/.exec(text.trim())?.[1].length ?? 0;
  return decimals >= 2 && Math.abs(got - expected) <= 0.5 * 10 ** -decimals + 1e-12;
}

/**
 * For grids of one-character cells: when every item matches `cells` (e.g. /^[01]+$/), items are read
 * character by character, so rows written without separators (`10010`) count like `1,0,0,1,0`.
 * Otherwise the items are returned unchanged.
 */
export function splitCells(items: string[], cells: RegExp): string[] {
  return items.length > 0 && items.every((item) => cells.test(item)) ? [...items.join('')] : items;
}
