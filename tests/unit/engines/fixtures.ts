import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseReplayFile, type ReplayFile } from '../../../src/engines/replay-file';

export const FIXTURES = 'tests/fixtures/replays';
export const DEMOS = 'public/demos';

/** The answer each fixture must end with: correct for its question. */
export const EXPECTED_ANSWERS: Record<string, string> = {
  'game24': '((1+2)*(2+6))',
  'new-operator': '116',
  'statistical-counting': '5',
  'string-deletion': '"ccacbaabab"',
  'eight-queens': '0 0, 1 4, 2 7, 3 5, 4 2, 5 6, 6 1, 7 3',
  'pooling': '20,20,20,20',
  'matrix-rotation': 'Y,Z,L,K',
  'bookshelf': '["A", "D", "B", "E", "C", "F"]',
};

/** Every fixture, parsed, sorted by name. */
export function loadFixtures(dir = FIXTURES): { name: string; file: ReplayFile }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), file: parseReplayFile(readFileSync(join(dir, f), 'utf8'), f) }));
}

