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


/**
 * What each code block of each fixture prints under Pyodide, in order: exactly the outputs the model's
 * next round reasons about. A RegExp where the text depends on the runner (a traceback's file name).
 */
export const EXPECTED_OUTPUTS: Record<string, (string | RegExp)[]> = {
  'game24': ['((1+2)*(2+6))\n'],
  'new-operator': ['5&3 = 26\n(5&3)&6 = 116\n'],
  'statistical-counting': [
    /^Traceback \(most recent call last\):\n(?:.*\n)*?.*print\(letter \* run \+ " -> \+" \+ scores\[letter\]\)\n(?:.*\n)*TypeError: can only concatenate str \(not "int"\) to str\n$/,
    'BB -> +2\nAA -> +1\nBBB -> +2\nTotal score: 5\n',
  ],
  'string-deletion': [
    'start: ccacbbcacaba\n' +
      'rule 4: ccacbbcacaba -> ccacbcaba\n' +
      'rule 2: ccacbcaba -> ccacbcabaab\n' +
      'rule 4: ccacbcabaab -> ccacbaab\n' +
      'rule 2: ccacbaab -> ccacbaabab\n' +
      'final: ccacbaabab\n',
  ],
  'eight-queens': [
    '0 0, 1 4, 2 7, 3 5, 4 2, 5 6, 6 1, 7 3\n',
    'queens: 8\ndistinct rows, columns, diagonals: 8 8 8 8\n' +
      '10000000\n00001000\n00000001\n00000100\n00100000\n00000010\n01000000\n00010000\n',
  ],
  'pooling': ['[20, 20]\n[20, 20]\n'],
  'matrix-rotation': ["['Y', 'Z']\n['L', 'K']\nY,Z,L,K\n"],
  'bookshelf': ["valid arrangements: 1\n['A', 'D', 'B', 'E', 'C', 'F']\n"],
};
