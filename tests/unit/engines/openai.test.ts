import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAIEngine, parseOpenAITarget } from '../../../src/engines/openai';
import { makeRequest } from './helpers';

// Ports 5200-5209 belong to these tests; 5299 is kept closed for the "unreachable" case.
const PORT = 5201;
const CLOSED_PORT = 5299;
const BASE = `http://127.0.0.1:${PORT}`;

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void | Promise<void>;
let handler: Handler;
const requests: { url: string; method: string; body: string }[] = [];
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', method: req.method ?? '', body });
      void handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  expect((server.address() as AddressInfo).port).toBe(PORT);
});
afterAll(async () => {
  server.closeAllConnections(); // the never-ending streams would keep close() waiting
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  requests.length = 0;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes `pieces` one by one with a pause between, so the client sees them as separate network chunks. */
async function streamPieces(res: ServerResponse, pieces: string[], end = true) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  for (const piece of pieces) {
    res.write(piece);
    await sleep(5);
  }
  if (end) res.end();
}

const chunk = (text: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'text_completion', choices: [{ index: 0, text, finish_reason: finish }] })}\n\n`;
const usageChunk = (prompt: number, completion: number) =>
  `data: ${JSON.stringify({ id: 'c', choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } })}\n\n`;

/** Cuts an SSE text into pieces at awkward places: inside `data:`, inside JSON, between \n\n. */
function splitAwkwardly(text: string): string[] {
  const cuts = [3, 11, 29, 30, 47, 64, 65, 90];
  const pieces: string[] = [];
  let at = 0;
  for (const cut of cuts) {
    if (cut > at && cut < text.length) {
      pieces.push(text.slice(at, cut));
      at = cut;
    }
  }
  pieces.push(text.slice(at));
  return pieces;
}

describe('parseOpenAITarget', () => {
  it('accepts host:port, /v1, /v1/completions and a #model', () => {
    expect(parseOpenAITarget('http://127.0.0.1:8080')).toEqual({ baseUrl: 'http://127.0.0.1:8080/v1', model: undefined });
    expect(parseOpenAITarget('http://127.0.0.1:8080/')).toEqual({ baseUrl: 'http://127.0.0.1:8080/v1', model: undefined });
    expect(parseOpenAITarget('http://gpu.lan:8000/v1#yongchao98/R1-Code-Interpreter-3B')).toEqual({
      baseUrl: 'http://gpu.lan:8000/v1',
      model: 'yongchao98/R1-Code-Interpreter-3B',
    });
    expect(parseOpenAITarget('https://h/proxy/v1/completions#m').baseUrl).toBe('https://h/proxy/v1');
  });
  it('explains a bad URL', () => {
    expect(() => parseOpenAITarget('localhost:8080')).toThrow(/must start with http/);
    expect(() => parseOpenAITarget('not a url')).toThrow(/is not a URL/);
  });
});

describe('OpenAIEngine against a local server', () => {
  it('sends the raw prompt with mapped sampling, stop strings, max_tokens and stream options', async () => {
    handler = (_req, _body, res) => streamPieces(res, [chunk('ok', 'stop'), 'data: [DONE]\n\n']);
    const engine = new OpenAIEngine({ url: `${BASE}/v1#r1ci-3b`, apiKey: 'k' });
    expect(engine.kind).toBe('openai');
    expect(engine.isRecording).toBe(false);
    expect(engine.label).toContain('r1ci-3b');
    const request = makeRequest({ maxTokens: 321 });
    await engine.generate(request);
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe('/v1/completions');
    expect(requests[0].method).toBe('POST');
    expect(JSON.parse(requests[0].body)).toEqual({
      model: 'r1ci-3b',
      prompt: request.prompt,
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 321,
      temperature: 0.6,
      top_p: 0.8,
      top_k: 20,
      repetition_penalty: 1.05,
      repeat_penalty: 1.05,
      stop: ['<|im_end|>', '<|endoftext|>'],
    });
  });

  it('streams text split at awkward chunk boundaries and reports the server usage', async () => {
    const sse = chunk('Let me ') + chunk('compute.\n```py') + chunk('thon\n') + chunk('', 'stop') + usageChunk(57, 4) + 'data: [DONE]\n\n';
    handler = (_req, _body, res) => streamPieces(res, splitAwkwardly(sse));
    const request = makeRequest();
    const result = await new OpenAIEngine({ url: `${BASE}#m` }).generate(request);
    expect(request.deltas).toEqual(['Let me ', 'compute.\n```py', 'thon\n']);
    expect(result).toEqual({ finish: 'eos', usage: { completionTokens: 4, promptTokens: 57 } });
  });

  it('maps finish_reason length and counts chunks (estimated) without a usage chunk', async () => {
    handler = (_req, _body, res) => streamPieces(res, [chunk('a'), chunk('b'), chunk('c', 'length'), 'data: [DONE]\n\n']);
    const result = await new OpenAIEngine({ url: `${BASE}#m` }).generate(makeRequest());
    expect(result).toEqual({ finish: 'length', usage: { completionTokens: 3, estimated: true } });
  });

  it('stops when onText returns false and closes the connection', async () => {
    let closed = false;
    handler = async (req, _body, res) => {
      res.on('close', () => (closed = true));
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      for (let i = 0; i < 200 && !closed; i++) {
        res.write(chunk(`t${i} `));
        await sleep(5);
      }
      res.end();
    };
    const seen: string[] = [];
    const result = await new OpenAIEngine({ url: `${BASE}#m` }).generate(
      makeRequest({ onText: (d) => (seen.push(d), seen.length < 3) }),
    );
    expect(result).toEqual({ finish: 'stop', usage: { completionTokens: 3, estimated: true } });
    expect(seen).toEqual(['t0 ', 't1 ', 't2 ']);
    await expect.poll(() => closed).toBe(true);
  });

  it('finishes "aborted" when the signal fires mid-stream', async () => {
    handler = async (_req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(chunk('first'));
      // never ends on its own
    };
    const controller = new AbortController();
    const request = makeRequest({
      signal: controller.signal,
      onText: (d) => {
        request.deltas.push(d);
        setTimeout(() => controller.abort(), 5);
      },
    });
    const result = await new OpenAIEngine({ url: `${BASE}#m` }).generate(request);
    expect(result.finish).toBe('aborted');
    expect(request.deltas).toEqual(['first']);
  });

  it('ends at an end-of-sequence text a server streams despite the stop list', async () => {
    handler = (_req, _body, res) => streamPieces(res, [chunk('done <<<4>>>'), chunk('<|im_end|>junk'), chunk('more')]);
    const request = makeRequest();
    const result = await new OpenAIEngine({ url: `${BASE}#m` }).generate(request);
    expect(request.deltas.join('')).toBe('done <<<4>>>');
    expect(result.finish).toBe('eos');
  });

  it('asks /v1/models for the model name when none is given', async () => {
    handler = (req, _body, res) => {
      if (req.url === '/v1/models') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ id: 'served-model', object: 'model' }] }));
      } else void streamPieces(res, [chunk('x', 'stop'), 'data: [DONE]\n\n']);
    };
    const engine = new OpenAIEngine({ url: BASE });
    await engine.generate(makeRequest());
    await engine.generate(makeRequest());
    expect(requests.map((r) => r.url)).toEqual(['/v1/models', '/v1/completions', '/v1/completions']);
    expect(JSON.parse(requests[1].body).model).toBe('served-model');
    expect(engine.label).toContain('served-model');
  });

  it('retries without stream_options when an older server rejects them, then estimates usage', async () => {
    handler = (_req, body, res) => {
      if (JSON.parse(body).stream_options) {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'unknown field stream_options' } }));
      } else void streamPieces(res, [chunk('hi'), chunk('', 'stop'), 'data: [DONE]\n\n']);
    };
    const result = await new OpenAIEngine({ url: `${BASE}#m` }).generate(makeRequest());
    expect(result).toEqual({ finish: 'eos', usage: { completionTokens: 1, estimated: true } });
    expect(requests).toHaveLength(2);
  });

  it('throws EngineError with the server message on HTTP errors', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'The model `nope` does not exist.' } }));
    };
    const err = await new OpenAIEngine({ url: `${BASE}#nope` }).generate(makeRequest()).catch((e: Error) => e);
    expect((err as Error).name).toBe('EngineError');
    expect((err as Error).message).toMatch(/answered HTTP 404: The model `nope` does not exist\.; check the URL/);
    handler = (_req, _body, res) => {
      res.writeHead(500);
      res.end('out of memory');
    };
    await expect(new OpenAIEngine({ url: `${BASE}#m` }).generate(makeRequest())).rejects.toThrow(/HTTP 500: out of memory; check the server's log/);
  });

  it('throws EngineError when the server cannot be reached', async () => {
    const err = await new OpenAIEngine({ url: `http://127.0.0.1:${CLOSED_PORT}#m` }).generate(makeRequest()).catch((e: Error) => e);
    expect((err as Error).name).toBe('EngineError');
    expect((err as Error).message).toMatch(/cannot reach the model server at http:\/\/127\.0\.0\.1:5299\/v1\/completions \(connection refused\); check that the server is running/);
  });

  it('throws EngineError when the server dies mid-stream', async () => {
    handler = async (_req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(chunk('partial '));
      await sleep(10);
      res.socket?.destroy();
    };
    const request = makeRequest();
    const err = await new OpenAIEngine({ url: `${BASE}#m` }).generate(request).catch((e: Error) => e);
    expect(request.deltas).toEqual(['partial ']);
    expect((err as Error).name).toBe('EngineError');
    expect((err as Error).message).toMatch(/(lost mid-answer|closed the stream before finishing).*may have crashed/);
  });

  it('throws EngineError when the stream ends without finishing', async () => {
    handler = (_req, _body, res) => streamPieces(res, [chunk('partial ')]);
    await expect(new OpenAIEngine({ url: `${BASE}#m` }).generate(makeRequest())).rejects.toThrow(/closed the stream before finishing/);
  });

  it('throws EngineError on a malformed stream and on an error event', async () => {
    handler = (_req, _body, res) => streamPieces(res, ['data: {not json\n\n']);
    await expect(new OpenAIEngine({ url: `${BASE}#m` }).generate(makeRequest())).rejects.toThrow(/sent a stream this client cannot read/);
    handler = (_req, _body, res) => streamPieces(res, [chunk('a'), `data: ${JSON.stringify({ error: { message: 'KV cache full' } })}\n\n`]);
    await expect(new OpenAIEngine({ url: `${BASE}#m` }).generate(makeRequest())).rejects.toThrow(/reported an error mid-answer: KV cache full/);
  });
});
