/** Gold answers for the expression puzzles: game24 (solved here by search) and combinatorial_calculation. */
import { sol } from '../records';
import type { GoldSpec } from './types';

/** A float value for filtering perturbations (the scorer itself computes exactly). */
const valueOf = (expression: string): number => Function(`return (${expression});`)() as number;

/** Some expression over `numbers` (each once) equal to `target`, or null; exhaustive search. */
export function solve(numbers: number[], target: number): string | null {
  const search = (items: { value: number; text: string }[]): string | null => {
    if (items.length === 1) return Math.abs(items[0].value - target) < 1e-9 ? items[0].text : null;
    for (let i = 0; i < items.length; i++) {
      for (let j = 0; j < items.length; j++) {
        if (i === j) continue;
        const rest = items.filter((_, k) => k !== i && k !== j);
        const a = items[i];
        const b = items[j];
        const options = [
          { value: a.value + b.value, text: `(${a.text}+${b.text})` },
          { value: a.value - b.value, text: `(${a.text}-${b.text})` },
          { value: a.value * b.value, text: `(${a.text}*${b.text})` },
          ...(b.value !== 0 ? [{ value: a.value / b.value, text: `(${a.text}/${b.text})` }] : []),
        ];
        for (const option of options) {
          const found = search([...rest, option]);
          if (found) return found;
        }
      }
    }
    return null;
  };
  return search(numbers.map((n) => ({ value: n, text: String(n) })));
}

const lastInput = (question: string) => {
  const inputs = [...question.matchAll(/Input:\s*((?:\d+\s+){3}\d+)/g)];
  return inputs[inputs.length - 1][1].trim().split(/\s+/).map(Number);
};

export const game24: GoldSpec = {
  gold: (r) => {
    const expression = solve(lastInput(r.question), 24);
    return expression ? `${expression} = 24` : 'no solution found';
  },
  perturb: (r) => {
    const numbers = lastInput(r.question);
    const expression = solve(numbers, 24) ?? '';
    const wrongNumber = expression.replace(/\d+/, (n) => String(Number(n) + 1));
    const sum = numbers.join('+');
    return [
      wrongNumber, // a number the puzzle does not have
      `(${expression})*${numbers[0]}`, // a number used twice
      ...(Math.abs(valueOf(sum) - 24) > 1e-9 ? [sum] : []), // every number once, but not 24
      numbers.slice(0, 3).join('*'), // a number missing
    ];
  },
};

export const combinatorial_calculation: GoldSpec = {
  gold: (r) => `[${sol<string[]>(r, 'solution').join(', ')}]`,
  perturb: (r) => {
    const items = sol<string[]>(r, 'solution');
    const target = sol<number>(r, 'target');
    const result: string[][] = [];
    // Two different numbers swapped: the order is the question's.
    const numberAt = items.flatMap((x, i) => (/^\d+$/.test(x) ? [i] : []));
    const j = numberAt.find((i) => items[i] !== items[numberAt[0]]);
    if (j !== undefined) {
      const swapped = [...items];
      [swapped[numberAt[0]], swapped[j]] = [swapped[j], swapped[numberAt[0]]];
      result.push(swapped);
    }
    // One operator changed, when that changes the value.
    const opAt = items.findIndex((x) => '+-*/'.includes(x));
    for (const op of ['+', '-', '*']) {
      const changed = [...items];
      changed[opAt] = op;
      if (Math.abs(valueOf(changed.join('')) - target) > 1e-9) {
        result.push(changed);
        break;
      }
    }
    result.push(items.slice(0, numberAt[numberAt.length - 1] - 1)); // the last number dropped
    return result.map((list) => `[${list.join(', ')}]`);
  },
};
