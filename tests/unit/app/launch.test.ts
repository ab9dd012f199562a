import { describe, expect, it } from 'vitest';
import { demoUrl, parseDemoIndex, parseLaunch, parseReplayChunk } from '../../../src/app/state/launch';

describe('parseLaunch', () => {
  it('plays ?demo=<name> from demos/ beside the page, at a root or a sub-path', () => {
    expect(parseLaunch('https://x.org/?demo=game24')).toEqual({ kind: 'recording', url: 'https://x.org/demos/game24.json', name: 'game24', via: 'demo' });
    expect(parseLaunch('https://x.org/r1ci/index.html?demo=eight-queens')).toMatchObject({ url: 'https://x.org/r1ci/demos/eight-queens.json' });
    expect(demoUrl('pooling', 'http://127.0.0.1:5/a/')).toBe('http://127.0.0.1:5/a/demos/pooling.json');
  });

  it('refuses demo names that would leave the demos folder', () => {
    for (const bad of ['../secret', 'a/b', 'x y', '', '..']) expect(parseLaunch(`https://x.org/?demo=${encodeURIComponent(bad)}`).kind).toBe('error');
  });

  it('plays ?replay= files on the same origin only', () => {
    expect(parseLaunch('https://x.org/app/?replay=/fixtures/replays/game24.json')).toEqual({ kind: 'recording', url: 'https://x.org/fixtures/replays/game24.json', name: 'game24', via: 'replay' });
    expect(parseLaunch('https://x.org/app/?replay=shared/s.json')).toMatchObject({ url: 'https://x.org/app/shared/s.json' });
    expect(parseLaunch('https://x.org/?replay=https://evil.example/r.json')).toMatchObject({ kind: 'error' });
    expect(parseLaunch('https://x.org/?replay=//evil.example/r.json')).toMatchObject({ kind: 'error' });
    expect(parseLaunch('https://x.org/?replay=javascript:alert(1)')).toMatchObject({ kind: 'error' });
    expect(parseLaunch('https://x.org/?replay=data:application/json,{}')).toMatchObject({ kind: 'error' });
    expect(parseLaunch('https://x.org/')).toEqual({ kind: 'none' });
  });
});

describe('parseDemoIndex', () => {
  it('keeps usable entries only', () => {
    expect(parseDemoIndex([{ name: 'a', title: 'A', task: 't' }, { name: '../x', title: 'bad' }, { title: 'no name' }, { name: 'b' }, null])).toEqual([
      { name: 'a', title: 'A', task: 't' },
      { name: 'b', title: 'b' },
    ]);
    expect(parseDemoIndex({ demos: [{ name: 'c', title: 'C' }] })).toEqual([{ name: 'c', title: 'C' }]);
    expect(parseDemoIndex('nope')).toEqual([]);
  });
});

describe('parseReplayChunk', () => {
  it('reads ?replayChunk=<n> as a whole number from 1 to 100000; anything else keeps the normal pace', () => {
    expect(parseReplayChunk('https://x.org/?replay=/r.json&replayChunk=64')).toBe(64);
    expect(parseReplayChunk('https://x.org/?replayChunk=100000')).toBe(100_000);
    for (const bad of ['', '0', '-3', '2.5', '1e3', 'abc', '100001']) expect(parseReplayChunk(`https://x.org/?replayChunk=${bad}`)).toBeNull();
    expect(parseReplayChunk('https://x.org/?replay=/r.json')).toBeNull();
  });
});
