import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { R1CI_3B } from '../../../models/r1ci.protocol';
import { ReplayEngine } from '../../../src/engines/replay';
import { runLoop } from '../../../src/loop/run-loop';
import { NodePythonRunner } from '../../../src/python/node-runner';
import { EXPECTED_ANSWERS, EXPECTED_OUTPUTS, loadFixtures } from './fixtures';

/**
 * Every replay fixture, played through the real loop with real Pyodide: each block prints exactly what the
 * model's next round reasons about, and the session ends with the expected answer.
 */
let python: NodePythonRunner;
beforeAll(() => {
  python = new NodePythonRunner();
});
afterAll(async () => {
  await python.close();
});

describe('replay fixtures through the loop and Pyodide', () => {
  it.each(loadFixtures().map((f) => [f.name, f.file] as const))('%s', async (name, file) => {
    const outcome = await runLoop({ protocol: R1CI_3B, engine: new ReplayEngine(file, { seed: 3 }), python, question: file.question! });
    expect(outcome.error).toBeUndefined();
    const runs = outcome.rounds.filter((r) => r.run);
    const outputs = runs.map((r) => r.run!.stdout + r.run!.stderr);
    const expected = EXPECTED_OUTPUTS[name];
    expect(outputs).toHaveLength(expected.length);
    expected.forEach((want, i) => {
      if (typeof want === 'string') expect(outputs[i], `block ${i + 1}`).toBe(want);
      else expect(outputs[i], `block ${i + 1}`).toMatch(want);
      expect(runs[i].result).toBe(`${R1CI_3B.results.prefix}${outputs[i]}${R1CI_3B.results.suffix}`);
    });
    // Every round but the last ran a block; the last one answered.
    expect(outcome.rounds).toHaveLength(file.rounds.length);
    expect(outcome.stop).toBe('answer');
    expect(outcome.answer).toBe(EXPECTED_ANSWERS[name]);
  });

  it('cuts a round at its closing fence: the imagined output after it is never used', async () => {
    const file = loadFixtures().find((f) => f.name === 'matrix-rotation')!.file;
    expect(file.rounds[0]).toContain('<<<Z,Y,K,L>>>');
    const outcome = await runLoop({ protocol: R1CI_3B, engine: new ReplayEngine(file), python, question: file.question! });
    expect(outcome.rounds[0].generated).toMatch(/print\(","\.join\(cell for row in rotated for cell in row\)\)\n```$/);
    expect(outcome.transcript).not.toContain('Z,Y,K,L');
    expect(outcome.answer).toBe('Y,Z,L,K');
  });
});
