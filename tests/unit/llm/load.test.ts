import { describe, expect, it } from 'vitest';
import type { LlmLoadRequest } from '../../../workers/llm/contract';
import { assertAbsoluteUrls, classifyLoadError, preflight, type PreflightDeps } from '../../../workers/llm/load';

const REQ: LlmLoadRequest = { modelId: 'm', weightsUrl: 'https://s.example/models/m/', modelLibUrl: 'https://s.example/libs/m.wasm', contextWindow: 4096 };
const CONFIG_URL = 'https://s.example/models/m/resolve/main/mlc-chat-config.json';

function deps(cached: Record<string, string[]>, respond: (url: string, init?: RequestInit) => Response | Promise<Response>): PreflightDeps & { fetched: string[] } {
  const fetched: string[] = [];
  return {
    fetched,
    caches: { open: async (scope: string) => ({ match: async (url: string) => ((cached[scope] ?? []).includes(url) ? new Response('{}') : undefined) }) as unknown as Cache },
    fetch: (async (url: string, init?: RequestInit) => (fetched.push(`${init?.method ?? 'GET'} ${url}`), respond(url, init))) as typeof fetch,
  };
}

describe('preflight', () => {
  it('touches no network when the downloader has filled both caches', async () => {
    const d = deps({ 'webllm/config': [CONFIG_URL], 'webllm/wasm': [REQ.modelLibUrl] }, () => new Response('', { status: 500 }));
    await preflight(REQ, d);
    expect(d.fetched).toEqual([]);
  });

  it('looks for the config where web-llm would fetch it (the resolve/main/ key) and names a 404', async () => {
    const d = deps({}, () => new Response('not found', { status: 404 }));
    const err = await preflight(REQ, d).catch((e) => e);
    expect(d.fetched).toEqual([`GET ${CONFIG_URL}`]);
    expect(err.name).toBe('ModelFilesNotFoundError');
    expect(err.message).toContain('https://s.example/models/m/ (HTTP 404 for mlc-chat-config.json');
  });

  it('calls an HTML page served in place of the config or the library "not found"', async () => {
    const html = () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
    expect((await preflight(REQ, deps({}, html)).catch((e) => e)).message).toContain('mlc-chat-config.json is not JSON');
    const libErr = await preflight(REQ, deps({ 'webllm/config': [CONFIG_URL] }, html)).catch((e) => e);
    expect(libErr).toMatchObject({ name: 'ModelFilesNotFoundError' });
    expect(libErr.message).toContain('web page instead of the model library');
  });

  it('says "offline or CORS" when the request itself fails', async () => {
    const err = await preflight(REQ, deps({}, () => Promise.reject(new TypeError('Failed to fetch')))).catch((e) => e);
    expect(err.name).toBe('ModelFilesUnreachableError');
    expect(err.message).toContain('offline');
  });
});

describe('assertAbsoluteUrls', () => {
  it('rejects relative URLs (web-llm would resolve them against the origin, not the page)', () => {
    expect(() => assertAbsoluteUrls({ ...REQ, weightsUrl: 'models/m/' })).toThrow(/not absolute/);
    expect(() => assertAbsoluteUrls(REQ)).not.toThrow();
  });
});

describe('classifyLoadError', () => {
  const named = (name: string, message: string) => Object.assign(new Error(message), { name });
  it.each([
    [named('CompileError', 'WebAssembly.instantiate(): expected magic word'), 'ModelLibraryError'],
    [named('Error', 'Unable to find a compatible GPU. ...'), 'WebGPUUnavailableError'],
    [named('Error', 'Cannot initialize runtime because of requested maxStorageBufferBindingSize exceeds limit.'), 'WebGPUUnavailableError'],
    [named('DeviceLostError', 'The WebGPU device was lost while loading the model.'), 'GPUDeviceLostError'],
    [named('ShaderF16SupportError', 'This model requires WebGPU extension shader-f16, which is not enabled.'), 'ModelLoadError'],
    [new TypeError("Failed to execute 'add' on 'Cache': Request failed"), 'ModelFilesNotFoundError'],
    [named('QuotaExceededError', 'quota'), 'ModelLoadError'],
    [named('ModelLibraryError', 'already ours'), 'ModelLibraryError'],
    [new Error('something odd'), 'ModelLoadError'],
  ])('%s -> %s', (err, name) => {
    expect(classifyLoadError(err, REQ).name).toBe(name);
  });
  it('keeps web-llm’s words in the generic error', () => {
    expect(classifyLoadError(new Error('something odd'), REQ).message).toContain('something odd');
  });
});
