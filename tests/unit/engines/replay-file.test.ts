import { describe, expect, it } from 'vitest';
import { parseReplayFile, validateReplayFile } from '../../../src/engines/replay-file';

describe('parseReplayFile', () => {
  it('reads rounds, the question and metadata, dropping unknown fields', () => {
    const file = parseReplayFile(JSON.stringify({ question: 'Q?', rounds: ['a', 'b'], title: 'T', task: 'game24', source: 's', model: 'm', note: 'n', extra: 1 }));
    expect(file).toEqual({ question: 'Q?', rounds: ['a', 'b'], title: 'T', task: 'game24', source: 's', model: 'm', note: 'n' });
  });
  it('allows a file without a question', () => {
    expect(parseReplayFile('{"rounds": ["only round"]}')).toEqual({ rounds: ['only round'] });
  });
  it('names the file and says it is not JSON', () => {
    expect(() => parseReplayFile('{"rounds": [', 'demo.json')).toThrow(/demo\.json is not valid JSON/);
    try {
      parseReplayFile('nope');
    } catch (err) {
      expect((err as Error).name).toBe('ReplayFileError');
    }
  });
  it('explains a missing or empty rounds list', () => {
    expect(() => parseReplayFile('{"question": "q"}', 'f.json')).toThrow(/f\.json has no "rounds"/);
    expect(() => parseReplayFile('{"rounds": []}')).toThrow(/"rounds" is empty/);
  });
  it('explains wrong types', () => {
    expect(() => parseReplayFile('[1, 2]')).toThrow(/must hold a JSON object.*not a list/);
    expect(() => parseReplayFile('{"rounds": "text"}')).toThrow(/"rounds" must be a list of strings, not a string/);
    expect(() => parseReplayFile('{"rounds": ["a", 3]}')).toThrow(/round 2 in "rounds" must be a string, not a number/);
    expect(() => parseReplayFile('{"rounds": ["a"], "question": 5}')).toThrow(/"question" must be a string, not a number/);
    expect(() => parseReplayFile('{"rounds": ["a"], "title": {}}')).toThrow(/"title" must be a string, not an object/);
  });
  it('rejects an empty question rather than asking the model nothing', () => {
    expect(() => validateReplayFile({ rounds: ['a'], question: '  ' })).toThrow(/"question" is empty/);
  });
});
