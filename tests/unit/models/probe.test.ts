import { describe, expect, it } from 'vitest';
import { probeWeights } from '../../../src/models-cache/probe';

const model = { id: 'R1-Code-Interpreter-3B-q4f32_1-MLC', weightsUrl: 'https://school.example/app/models/R1-Code-Interpreter-3B-q4f32_1-MLC/', modelLibUrl: 'https://x/l.wasm' };
const answer = (body: string, status = 200) => (async () => new Response(body, { status })) as unknown as typeof fetch;

describe('probeWeights', () => {
  it('finds hosted weights by their mlc-chat-config.json, fetched from the folder itself', async () => {
    let asked = '';
    const fetchImpl = (async (url: string) => { asked = url; return new Response('{"tokenizer_files":["tokenizer.json"]}'); }) as unknown as typeof fetch;
    expect(await probeWeights(model, undefined, fetchImpl)).toEqual({ status: 'hosted', url: asked });
    expect(asked).toBe('https://school.example/app/models/R1-Code-Interpreter-3B-q4f32_1-MLC/mlc-chat-config.json');
  });
  it('says the weights are missing on 404, and on an HTML page (single-page hosts answer 200 for any path)', async () => {
    const notFound = await probeWeights(model, undefined, answer('not found', 404));
    expect(notFound).toMatchObject({ status: 'missing', message: expect.stringMatching(/not hosted at https:\/\/school.example\/app\/models\/R1-Code-Interpreter-3B-q4f32_1-MLC\/.*models\/README.md/) });
    expect((await probeWeights(model, undefined, answer('<!doctype html><title>App</title>'))).status).toBe('missing');
  });
  it('tells unreachable (offline, CORS, server error) apart from missing', async () => {
    const offline = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    expect((await probeWeights(model, undefined, offline)).status).toBe('unreachable');
    expect((await probeWeights(model, undefined, answer('oops', 503))).status).toBe('unreachable');
  });
  it('passes an abort through', async () => {
    const aborted = (async () => { throw new DOMException('stop', 'AbortError'); }) as unknown as typeof fetch;
    await expect(probeWeights(model, undefined, aborted)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
