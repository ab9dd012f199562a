/**
 * Exact arithmetic over the four operations with parentheses, for the puzzles that ask for an expression
 * (game24, combinatorial_calculation). Values are fractions of integers, so `8/(3-8/3)` is exactly 24 and
 * no float rounding can make a wrong expression right.
 */
import { ScoreError } from './types';

/** A lexical item: a number (its digits), an operator or a parenthesis. */
export type ExprToken = { kind: 'number'; text: string } | { kind: 'op'; text: '+' | '-' | '*' | '/' } | { kind: 'paren'; text: '(' | ')' };

/** An exact fraction; the denominator is positive and the pair is reduced. */
export interface Fraction {
  n: bigint;
  d: bigint;
}

const OPERATOR_ALIASES: Record<string, '+' | '-' | '*' | '/'> = {
  '+': '+', '-': '-', '−': '-', '–': '-', '*': '*', '×': '*', '·': '*', x: '*', X: '*', '/': '/', '÷': '/',
};

/** Splits an arithmetic expression into tokens; whitespace is skipped, anything unknown is an error. */
export function lexExpression(text: string): ExprToken[] {
  const result: ExprToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) { i++; continue; }
    const digits = /^\d+/.exec(text.slice(i));
    if (digits) {
      result.push({ kind: 'number', text: digits[0] });
      i += digits[0].length;
    } else if (ch === '(' || ch === ')') {
      result.push({ kind: 'paren', text: ch });
      i++;
    } else if (OPERATOR_ALIASES[ch]) {
      result.push({ kind: 'op', text: OPERATOR_ALIASES[ch] });
      i++;
    } else {
      throw new ScoreError(`unexpected "${ch}" in the expression`);
    }
  }
  return result;
}

/** The value of the tokens as an expression (usual precedence, left to right); unary signs are refused. */
export function evaluateTokens(items: readonly ExprToken[]): { value: Fraction; numbers: number[] } {
  let at = 0;
  const numbers: number[] = [];
  const peek = () => items[at];

  function primary(): Fraction {
    const token = items[at++];
    if (!token) throw new ScoreError('the expression ends too early');
    if (token.kind === 'number') {
      numbers.push(Number(token.text));
      return { n: BigInt(token.text), d: 1n };
    }
    if (token.kind === 'paren' && token.text === '(') {
      const value = sum();
      const close = items[at++];
      if (close?.kind !== 'paren' || close.text !== ')') throw new ScoreError('a parenthesis is not closed');
      return value;
    }
    throw new ScoreError(`unexpected "${token.text}" in the expression`);
  }

  function product(): Fraction {
    let value = primary();
    for (let t = peek(); t?.kind === 'op' && (t.text === '*' || t.text === '/'); t = peek()) {
      at++;
      const right = primary();
      value = t.text === '*' ? multiply(value, right) : divide(value, right);
    }
    return value;
  }

  function sum(): Fraction {
    let value = product();
    for (let t = peek(); t?.kind === 'op' && (t.text === '+' || t.text === '-'); t = peek()) {
      at++;
      const right = product();
      value = t.text === '+' ? add(value, right) : add(value, { n: -right.n, d: right.d });
    }
    return value;
  }

  if (items.length === 0) throw new ScoreError('the expression is empty');
  const value = sum();
  if (at !== items.length) throw new ScoreError(`unexpected "${items[at].text}" after the expression`);
  return { value, numbers };
}

export function fractionEquals(value: Fraction, integer: number): boolean {
  return value.d === 1n && value.n === BigInt(integer);
}

export function showFraction(value: Fraction): string {
  return value.d === 1n ? String(value.n) : `${value.n}/${value.d}`;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

function reduce(n: bigint, d: bigint): Fraction {
  if (d === 0n) throw new ScoreError('the expression divides by zero');
  if (d < 0n) { n = -n; d = -d; }
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

function add(a: Fraction, b: Fraction): Fraction {
  return reduce(a.n * b.d + b.n * a.d, a.d * b.d);
}

function multiply(a: Fraction, b: Fraction): Fraction {
  return reduce(a.n * b.n, a.d * b.d);
}

function divide(a: Fraction, b: Fraction): Fraction {
  return reduce(a.n * b.d, a.d * b.n);
}
