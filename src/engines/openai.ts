import type { Engine, FinishReason, GenerateRequest, GenerateResult } from './engine';
import { EngineError } from './engine';
import { SseDecoder } from './openai-stream';

/**
 * An engine for any OpenAI-compatible `/v1/completions` server (llama.cpp's `llama-server`, vLLM, ...):
 * the full ChatML text goes in as the raw prompt, so the server applies no chat template and R1-CI runs
 * through exactly this loop and sandbox. Streams with server-sent events.
 *
 * No Node imports: works in the browser too (the server must then allow the page's origin).
 */
export interface OpenAIEngineOptions {
  /** `http://host:port`, `http://host:port/v1` or the full `.../v1/completions` URL. */
  url: string;
  /** Model name sent to the server; when absent, the first model the server lists (vLLM needs one). */
  model?: string;
  /** Sent as `Authorization: Bearer ...` when given. */
  apiKey?: string;
  /** For tests or special environments; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface OpenAITarget {
  /** Base URL ending in `/v1`, no trailing slash. */
  baseUrl: string;
  model?: string;
}

/** Parses `http://host:port[/v1][#model]`; throws EngineError with what to fix. */
export function parseOpenAITarget(spec: string): OpenAITarget {
  const hash = spec.indexOf('#');
  const urlText = (hash < 0 ? spec : spec.slice(0, hash)).trim();
  const model = hash < 0 ? undefined : spec.slice(hash + 1).trim() || undefined;
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new EngineError(`"${urlText}" is not a URL; give the server as http://host:port or http://host:port/v1, e.g. openai:http://127.0.0.1:8080#model-name`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EngineError(`"${urlText}" must start with http:// or https://`);
  }
  url.search = '';
  url.hash = '';
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/completions$/, '');
  if (!/\/v1$/.test(path)) path += '/v1';
  url.pathname = path;
  return { baseUrl: url.toString().replace(/\/+$/, ''), model };
}

export class OpenAIEngine implements Engine {
  readonly kind = 'openai' as const;
  readonly isRecording = false;
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly apiKey?: string;
  private model?: string;
  private modelLookup?: Promise<string | undefined>;
  /** Cleared when the server rejects `stream_options` (older servers); usage is then estimated. */
  private sendStreamOptions = true;

  constructor(options: OpenAIEngineOptions) {
    const target = parseOpenAITarget(options.url + (options.model ? `#${options.model}` : ''));
    this.baseUrl = target.baseUrl;
    this.model = target.model;
    this.apiKey = options.apiKey;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  get label(): string {
    return `${this.model ?? 'model'} at ${this.baseUrl}`;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const estimated = (completionTokens: number, finish: FinishReason): GenerateResult => ({
      finish,
      usage: { completionTokens, estimated: true },
    });
    if (request.signal?.aborted) return estimated(0, 'aborted');
    const model = await this.resolveModel(request.signal);
    if (request.signal?.aborted) return estimated(0, 'aborted');

    let response = await this.post(this.requestBody(request, model), request.signal);
    if (response === 'aborted') return estimated(0, 'aborted');
    if (response.status === 400 && this.sendStreamOptions) {
      const text = await response.text().catch(() => '');
      if (!/stream_options/i.test(text)) throw httpError(this.completionsUrl, response, text);
      this.sendStreamOptions = false; // an older server: ask again without it and count tokens ourselves
      response = await this.post(this.requestBody(request, model), request.signal);
      if (response === 'aborted') return estimated(0, 'aborted');
    }
    if (!response.ok) throw httpError(this.completionsUrl, response, await response.text().catch(() => ''));
    if (!response.body) throw malformed(this.completionsUrl, 'the response has no body');
    return readStream(response.body, request, this.completionsUrl);
  }

  private get completionsUrl(): string {
    return `${this.baseUrl}/completions`;
  }

  private requestBody(request: GenerateRequest, model: string | undefined): Record<string, unknown> {
    const { sampling } = request;
    return {
      ...(model ? { model } : {}),
      prompt: request.prompt,
      stream: true,
      ...(this.sendStreamOptions ? { stream_options: { include_usage: true } } : {}),
      max_tokens: request.maxTokens,
      temperature: sampling.temperature,
      top_p: sampling.topP,
      // Not in OpenAI's API; vLLM and llama.cpp read them (llama.cpp calls the penalty repeat_penalty).
      top_k: sampling.topK,
      repetition_penalty: sampling.repetitionPenalty,
      repeat_penalty: sampling.repetitionPenalty,
      stop: request.eos.map((e) => e.text),
    };
  }

  /** POSTs the request; 'aborted' when the signal fired; EngineError when the server cannot be reached. */
  private async post(body: Record<string, unknown>, signal?: AbortSignal): Promise<Response | 'aborted'> {
    try {
      return await this.fetchImpl(this.completionsUrl, {
        method: 'POST',
        headers: this.headers(),
        body: JSON.stringify(body),
        signal,
      });
    } catch (err) {
      if (signal?.aborted) return 'aborted';
      throw unreachable(this.completionsUrl, err);
    }
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'text/event-stream' };
    if (this.apiKey) headers.Authorization = `Bearer ${this.apiKey}`;
    return headers;
  }

  /** No model named: ask the server which it serves (vLLM rejects a request without the right name). */
  private resolveModel(signal?: AbortSignal): Promise<string | undefined> {
    if (this.model) return Promise.resolve(this.model);
    this.modelLookup ??= this.lookUpModel(signal).then(
      (model) => {
        this.model = model;
        return model;
      },
      (err: unknown) => {
        this.modelLookup = undefined; // let a later call try again
        throw err;
      },
    );
    return this.modelLookup;
  }

  private async lookUpModel(signal?: AbortSignal): Promise<string | undefined> {
    const url = `${this.baseUrl}/models`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, { headers: this.headers(), signal });
    } catch (err) {
      if (signal?.aborted) return undefined;
      throw unreachable(url, err);
    }
    if (!response.ok) return undefined; // some servers lack /models; they take requests without a model
    const listing = (await response.json().catch(() => null)) as { data?: { id?: unknown }[] } | null;
    const id = listing?.data?.[0]?.id;
    return typeof id === 'string' ? id : undefined;
  }
}

interface CompletionChunk {
  choices?: { text?: string; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string } | string;
}

/** Reads the event stream, passing text to onText, until the server finishes, the loop stops it or abort. */
async function readStream(body: ReadableStream<Uint8Array>, request: GenerateRequest, url: string): Promise<GenerateResult> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const sse = new SseDecoder();
  const eosTexts = request.eos.map((e) => e.text).filter((t) => t !== '');
  let chunks = 0;
  let finish: FinishReason | null = null;
  let sawDone = false;
  let usage: CompletionChunk['usage'] = null;

  const result = (reason: FinishReason): GenerateResult => {
    if (reason === 'eos' || reason === 'length') {
      if (usage && typeof usage.completion_tokens === 'number') {
        return { finish: reason, usage: { completionTokens: usage.completion_tokens, promptTokens: usage.prompt_tokens } };
      }
    }
    // Without the server's usage figures, count streamed chunks: these servers send one token per chunk.
    return { finish: reason, usage: { completionTokens: chunks, estimated: true } };
  };

  /** Handles one event; returns a finish reason when generation must end now. */
  const handle = (data: string, eventName: string): FinishReason | null => {
    if (data.trim() === '[DONE]') {
      sawDone = true;
      return null;
    }
    let chunk: CompletionChunk;
    try {
      chunk = JSON.parse(data) as CompletionChunk;
    } catch {
      if (eventName === 'error') throw new EngineError(`the model server at ${url} reported an error: ${data}`);
      throw malformed(url, `an event is not JSON: ${JSON.stringify(data.slice(0, 80))}`);
    }
    if (chunk.error || eventName === 'error') {
      const message = typeof chunk.error === 'string' ? chunk.error : chunk.error?.message ?? data;
      throw new EngineError(`the model server at ${url} reported an error mid-answer: ${message}. Check the server's log.`);
    }
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) return null;
    let text = typeof choice.text === 'string' ? choice.text : '';
    // A server that streams the end-of-sequence text despite the stop list: end there, as the model did.
    const eosAt = firstIndexOf(text, eosTexts);
    if (eosAt >= 0) text = text.slice(0, eosAt);
    if (text !== '') {
      chunks++;
      if (request.onText(text) === false) return 'stop';
    }
    if (eosAt >= 0) return 'eos';
    if (choice.finish_reason) finish = choice.finish_reason === 'length' ? 'length' : 'eos';
    return null;
  };

  try {
    for (;;) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch (err) {
        if (request.signal?.aborted) return result('aborted');
        throw new EngineError(
          `the connection to the model server at ${url} was lost mid-answer (${reasonOf(err)}); check the server's log: it may have crashed or run out of memory`,
        );
      }
      const events = read.done ? [...sse.push(decoder.decode()), ...sse.end()] : sse.push(decoder.decode(read.value, { stream: true }));
      for (const event of events) {
        const early = handle(event.data, event.event);
        if (early) return result(early);
      }
      if (request.signal?.aborted) return result('aborted');
      if (read.done || sawDone) break;
    }
  } finally {
    // Stops the server generating when we end early (stop, abort, error); harmless after the end.
    reader.cancel().catch(() => {});
  }
  if (finish) return result(finish);
  if (sawDone) return result('eos');
  throw new EngineError(
    `the model server at ${url} closed the stream before finishing the answer; check the server's log: it may have crashed or run out of memory`,
  );
}

function firstIndexOf(text: string, needles: string[]): number {
  let best = -1;
  for (const needle of needles) {
    const at = text.indexOf(needle);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best;
}

function reasonOf(err: unknown): string {
  const error = err as { message?: string; cause?: { code?: string; message?: string } };
  const code = error?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return 'host not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'connection timed out';
  return error?.cause?.message ?? error?.message ?? String(err);
}

function unreachable(url: string, err: unknown): EngineError {
  return new EngineError(
    `cannot reach the model server at ${url} (${reasonOf(err)}); check that the server is running and that the host and port are right` +
      (typeof document !== 'undefined' ? ", and that it allows this page's origin (CORS)" : ''),
  );
}

function httpError(url: string, response: Response, bodyText: string): EngineError {
  let message = bodyText.trim();
  try {
    const parsed = JSON.parse(bodyText) as { error?: { message?: string } | string; message?: string; detail?: unknown };
    const error = parsed.error;
    message = (typeof error === 'string' ? error : error?.message) ?? parsed.message ?? (parsed.detail ? JSON.stringify(parsed.detail) : message);
  } catch {
    // not JSON: keep the text as it came
  }
  if (message.length > 300) message = message.slice(0, 300) + '...';
  const status = response.status;
  const hint =
    status === 404 ? 'check the URL (the server\'s base, e.g. http://host:8000 or http://host:8000/v1) and the model name after #'
    : status === 401 || status === 403 ? 'the server wants an API key or does not allow this client'
    : status === 400 || status === 422 ? 'check the model name after # and that the prompt fits the server\'s context size'
    : status >= 500 ? 'check the server\'s log'
    : 'check the server and its settings';
  return new EngineError(`the model server at ${url} answered HTTP ${status}${message ? `: ${message}` : ''}; ${hint}`);
}

function malformed(url: string, detail: string): EngineError {
  return new EngineError(`the model server at ${url} sent a stream this client cannot read (${detail}); check that the URL is an OpenAI-compatible /v1/completions server`);
}
