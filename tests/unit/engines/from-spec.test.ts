import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineFromSpec } from '../../../src/engines/from-spec';

const dir = mkdtempSync(join(tmpdir(), 'r1ci-spec-'));

describe('engineFromSpec', () => {
  it('builds a replay engine from a file and returns its question', async () => {
    const file = join(dir, 'demo-one.json');
    writeFileSync(file, JSON.stringify({ question: 'What is 2+2?', rounds: ['<<<4>>>'] }));
    const { engine, question, recording } = await engineFromSpec(`replay:${file}`);
    expect(engine.kind).toBe('replay');
    expect(engine.label).toBe('Recording: demo-one');
    expect(question).toBe('What is 2+2?');
    expect(recording?.rounds).toEqual(['<<<4>>>']);
  });

  it('uses the reader it is given (the app reads over HTTP)', async () => {
    const { question } = await engineFromSpec('replay:/demos/x.json', {
      readText: async (path) => JSON.stringify({ question: `from ${path}`, rounds: ['a'] }),
    });
    expect(question).toBe('from /demos/x.json');
  });

  it('builds an openai engine from a URL and a model', async () => {
    const { engine, question } = await engineFromSpec('openai:http://127.0.0.1:8080/v1#r1ci');
    expect(engine.kind).toBe('openai');
    expect(engine.label).toBe('r1ci at http://127.0.0.1:8080/v1');
    expect(question).toBeUndefined();
  });

  it('explains what is wrong with a spec', async () => {
    await expect(engineFromSpec('webgpu:x')).rejects.toThrow(/unknown engine "webgpu:x"; use replay:FILE or openai:URL/);
    await expect(engineFromSpec('replay:')).rejects.toThrow(/"replay:" needs a file/);
    await expect(engineFromSpec('openai:')).rejects.toThrow(/"openai:" needs the server's URL/);
    await expect(engineFromSpec(`replay:${join(dir, 'missing.json')}`)).rejects.toThrow(/replay file not found: .*missing\.json/);
    await expect(engineFromSpec(`replay:${dir}`)).rejects.toThrow(/is a folder, not a replay file/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"rounds": 3}');
    await expect(engineFromSpec(`replay:${bad}`)).rejects.toThrow(/bad\.json: "rounds" must be a list of strings/);
  });
});
