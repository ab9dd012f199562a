import { describe, expect, it } from 'vitest';
import { planModelFiles } from '../../../src/models-cache/plan';
import { HttpSource } from '../../../src/models-cache/sources';

const model = { id: 'M', weightsUrl: 'https://school.example/models/M/', modelLibUrl: 'https://school.example/libs/M.wasm' };
const [config, , , shard, library] = planModelFiles(model, { tokenizerFiles: ['tokenizer.json'] }, [{ dataPath: 'params_shard_0.bin', nbytes: 4 }]);
const signal = new AbortController().signal;
const fetchWith = (impl: (url: string, init: RequestInit) => Promise<Response>) => impl as unknown as typeof fetch;

describe('HttpSource', () => {
  it('fetches the folder URL without the HTTP cache and reports Content-Length', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const source = new HttpSource('M', 'label', fetchWith(async (url, init) => { seen = { url, init }; return new Response('abcd', { headers: { 'content-length': '4' } }); }));
    const opened = await source.open(shard, signal);
    expect(seen?.url).toBe('https://school.example/models/M/params_shard_0.bin');
    expect(seen?.init).toMatchObject({ cache: 'no-store', signal });
    expect(opened.size).toBe(4);
  });
  it('maps 404 to ModelFileNotFoundError, for weights and for the library', async () => {
    const source = new HttpSource('M', 'label', fetchWith(async () => new Response('nope', { status: 404 })));
    await expect(source.open(config, signal)).rejects.toMatchObject({ name: 'ModelFileNotFoundError', message: expect.stringMatching(/mlc-chat-config.json of M .* weights are not hosted/) });
    await expect(source.open(library, signal)).rejects.toMatchObject({ name: 'ModelFileNotFoundError', message: expect.stringMatching(/model library M.wasm/) });
  });
  it('maps a fetch failure to ModelNetworkError and keeps an abort', async () => {
    await expect(new HttpSource('M', 'l', fetchWith(async () => { throw new TypeError('Failed to fetch'); })).open(shard, signal))
      .rejects.toMatchObject({ name: 'ModelNetworkError' });
    await expect(new HttpSource('M', 'l', fetchWith(async () => { throw new DOMException('paused', 'AbortError'); })).open(shard, signal))
      .rejects.toMatchObject({ name: 'AbortError' });
  });
  it('does not trust Content-Length of a compressed response', async () => {
    const source = new HttpSource('M', 'l', fetchWith(async () => new Response('abcd', { headers: { 'content-length': '2', 'content-encoding': 'gzip' } })));
    expect((await source.open(shard, signal)).size).toBeUndefined();
  });
});
