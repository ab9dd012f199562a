/**
 * For every task and every stored record: a right answer written the way the question asks is marked
 * correct, and each perturbed answer is marked wrong. Records with known-bad stored data are listed per
 * task (gold/<task>.ts) with the reason, checked to be marked wrong, and counted in the printed summary.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { scoreResponse } from '../../../src/bench/scorers/index';
import { GOLD_SPECS } from './gold/index';
import { hasBenchmark, loadRecords } from './records';

const coverage: string[] = [];

afterAll(() => {
  // The per-task coverage figures the issue asks for, visible in the test output.
  console.log('gold coverage (task: records correct / exceptions / total)\n' + coverage.sort().join('\n'));
});

const wrap = (answer: string) => `Let me work through it.\n\nThe final answer is <<<${answer}>>>`;

for (const [task, spec] of Object.entries(GOLD_SPECS)) {
  describe.skipIf(!hasBenchmark(task))(task, () => {
    it('marks a right answer correct and every perturbed answer wrong, for every record', () => {
      const records = loadRecords(task);
      const exceptions = spec.exceptions ?? {};
      let gold = 0;
      const failures: string[] = [];
      for (const record of records) {
        const answer = spec.gold(record);
        const verdict = scoreResponse(record, wrap(answer));
        if (Object.hasOwn(exceptions, record.id)) {
          if (verdict.correct) failures.push(`${record.id}: listed as an exception but marked correct`);
          continue;
        }
        if (!verdict.correct) failures.push(`${record.id}: gold ${JSON.stringify(answer)} marked wrong: ${verdict.reason}`);
        else gold++;
        for (const wrong of spec.perturb(record)) {
          const perturbed = scoreResponse(record, wrap(wrong));
          if (perturbed.correct) failures.push(`${record.id}: perturbed ${JSON.stringify(wrong)} marked correct`);
        }
      }
      expect(failures.slice(0, 10)).toEqual([]);
      const exceptionCount = Object.keys(exceptions).length;
      expect(gold + exceptionCount).toBe(records.length);
      coverage.push(`${task}: ${gold} / ${exceptionCount} / ${records.length}`);
    });
  });
}
