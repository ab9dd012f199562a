/**
 * Behaviour shared by every scorer: no answer, several answers, answers only in code or its output,
 * records the scorer cannot read, unknown tasks. Run for the first record of every task.
 */
import { describe, expect, it } from 'vitest';
import { scoreResponse, scoredTasks, scorers } from '../../../src/bench/scorers/index';
import { GOLD_SPECS } from './gold/index';
import { hasBenchmark, loadRecords } from './records';

const FENCE = '```';

describe('the registry', () => {
  it('has a scorer and a gold builder for each of the 23 SymBench tasks', () => {
    expect(scoredTasks).toHaveLength(23);
    expect([...scoredTasks].sort()).toEqual(Object.keys(GOLD_SPECS).sort());
    expect(Object.keys(scorers).sort()).toEqual([...scoredTasks]);
  });

  it('marks a record of an unknown task wrong with a reason instead of throwing', () => {
    const verdict = scoreResponse({ id: 'x/1', task: 'no_such_task', question: '', solution: {} }, '<<<1>>>');
    expect(verdict).toMatchObject({ correct: false, extracted: null });
    expect(verdict.reason).toMatch(/no scorer/);
  });

  it('marks a missing record wrong instead of throwing, from the registry and from each scorer', () => {
    expect(scoreResponse(null as never, '<<<1>>>')).toMatchObject({ correct: false, extracted: null });
    for (const task of scoredTasks) expect(scorers[task](null as never, '<<<1>>>')).toMatchObject({ correct: false, extracted: '1' });
  });
});

for (const task of Object.keys(GOLD_SPECS)) {
  describe.skipIf(!hasBenchmark(task))(`${task}: shared behaviour`, () => {
    const record = hasBenchmark(task) ? loadRecords(task)[0] : undefined!;
    const spec = GOLD_SPECS[task];
    const gold = () => spec.gold(record);
    const wrong = () => spec.perturb(record)[0];

    it('marks the gold answer correct and reports what it extracted', () => {
      const verdict = scorers[task](record, `Reasoning...\n<<<${gold()}>>>`);
      expect(verdict.correct).toBe(true);
      expect(verdict.extracted).toBe(gold().trim());
    });

    it('marks a response without an answer wrong, with extracted null', () => {
      for (const response of ['I am not sure.', '', null, { rounds: [] }]) {
        const verdict = scorers[task](record, response);
        expect(verdict).toMatchObject({ correct: false, extracted: null });
        expect(verdict.reason).toBeTruthy();
      }
    });

    it('takes the last of several answers', () => {
      expect(scorers[task](record, `First <<<${wrong()}>>>, no: <<<${gold()}>>>`).correct).toBe(true);
      expect(scorers[task](record, `First <<<${gold()}>>>, no: <<<${wrong()}>>>`).correct).toBe(false);
    });

    it('does not count an answer that appears only in code or in its output', () => {
      const code = `${FENCE}python\nprint("<<<${gold()}>>>")\n${FENCE}`;
      const transcript = `Let me compute.\n${code}\nCode Execution Results: <<<${gold()}>>>\n\nThat settles it.`;
      expect(scorers[task](record, transcript)).toMatchObject({ correct: false, extracted: null });
      const rounds = [
        { generated: `Let me compute.\n${code}`, code: `print("<<<${gold()}>>>")`, result: `\nCode Execution Results: <<<${gold()}>>>\n` },
        { generated: '\nThat settles it.', code: null, result: null },
      ];
      expect(scorers[task](record, { rounds })).toMatchObject({ correct: false, extracted: null });
      // The same output followed by the model saying the answer itself is counted.
      rounds[1].generated = `\nSo <<<${gold()}>>>`;
      expect(scorers[task](record, { rounds }).correct).toBe(true);
    });

    it('never throws on a record it cannot read: wrong, with a reason', () => {
      for (const broken of [
        { ...record, solution: {} },
        { ...record, solution: null },
        { ...record, question: '' },
      ]) {
        const verdict = scorers[task](broken, `<<<${gold()}>>>`);
        if (verdict.correct) continue; // some judges need only the question, others only the solution
        expect(verdict.reason).toBeTruthy();
      }
      const neither = scorers[task]({ ...record, question: '', solution: null }, `<<<${gold()}>>>`);
      expect(neither.correct).toBe(false);
      expect(neither.reason).toBeTruthy();
    });

    it('marks malformed answers wrong without throwing', () => {
      for (const junk of ['', '[', 'n/a', '"', '1 2 3 4 5 6 7 8 9 10 11 12', '((((']) {
        expect(scorers[task](record, `<<<${junk}>>>`).correct).toBe(false);
      }
    });
  });
}
