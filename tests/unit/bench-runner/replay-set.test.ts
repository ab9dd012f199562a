import { describe, expect, it } from 'vitest';
import { hasRecording, parseReplaySource, replayEngineFor } from '../../../src/bench/replay-set';

describe('parseReplaySource', () => {
  it('reads a JSONL replay set keyed by record id', () => {
    const source = parseReplaySource('{"id": "a/1", "rounds": ["<<<1>>>"]}\n\n{"id": "a/2", "rounds": ["x", "y"], "title": "two"}\n', 'set');
    expect(source.kind).toBe('set');
    expect(hasRecording(source, 'a/1')).toBe(true);
    expect(hasRecording(source, 'a/3')).toBe(false);
    if (source.kind === 'set') expect(source.recordings.get('a/2')).toEqual({ rounds: ['x', 'y'], title: 'two' });
  });

  it('a one-line JSONL set is still a set (it has an id)', () => {
    expect(parseReplaySource('{"id": "a/1", "rounds": ["<<<1>>>"]}').kind).toBe('set');
  });

  it('reads the JSON object form {"format", "recordings": {id: replay file}}', () => {
    const source = parseReplaySource(JSON.stringify({ format: 'r1ci-replay-set', recordings: { 'b/1': { rounds: ['hi'] } } }));
    expect(source.kind === 'set' && [...source.recordings.keys()]).toEqual(['b/1']);
  });

  it('a plain replay file answers every id', () => {
    const source = parseReplaySource('{"rounds": ["<<<7>>>"], "title": "always seven"}', 'seven.json');
    expect(source.kind).toBe('single');
    expect(hasRecording(source, 'anything/1')).toBe(true);
    expect(replayEngineFor(source, 'anything/1').label).toBe('Recording: always seven');
  });

  it('labels each question\'s engine as a recording of that question', () => {
    const engine = replayEngineFor(parseReplaySource('{"id": "a/1", "rounds": ["x"]}', 'demo set'), 'a/1');
    expect(engine.isRecording).toBe(true);
    expect(engine.label).toBe('Recording: demo set: a/1');
  });

  it.each([
    ['', /is empty/],
    ['{"id": "a/1", "rounds": ["x"]}\nnot json', /line 2 is not valid JSON/],
    ['{"rounds": ["x"]}\n{"rounds": ["y"]}', /line 1 needs "id"/],
    ['{"id": "a/1", "rounds": ["x"]}\n{"id": "a/1", "rounds": ["y"]}', /a second recording for "a\/1"/],
    ['{"id": "a/1", "rounds": []}\n{"id": "a/2", "rounds": ["y"]}', /"rounds" is empty/],
    ['{"recordings": []}', /"recordings" must be an object/],
    ['[1]', /not a list/],
  ])('rejects %j with a message saying what to fix', (text, message) => {
    let error: Error | undefined;
    try {
      parseReplaySource(text, 'set');
    } catch (err) {
      error = err as Error;
    }
    expect(error?.name).toBe('ReplayFileError');
    expect(error?.message).toMatch(message);
  });
});
