/**
 * Loading a model with web-llm: its app config, a check of the files before web-llm starts (its own
 * errors for a missing file are a bare "Failed to execute 'add' on 'Cache'"), and the translation of
 * whatever it throws into the app's named errors.
 */
import type { AppConfig } from '@mlc-ai/web-llm';
import { CHAT_CONFIG_FILE, modelFileKey } from '../../src/models-cache/keys';
import { GPUDeviceLostError, WebGPUUnavailableError } from '../../src/gpu/errors';
import type { LlmLoadRequest } from './contract';
import { ModelFilesNotFoundError, ModelFilesUnreachableError, ModelLibraryError, ModelLoadError } from './errors';

/** The one-model app config. Cache API backend: the app's downloader fills the same caches (see src/models-cache/keys.ts). */
export function buildAppConfig(request: LlmLoadRequest): AppConfig {
  return {
    model_list: [
      {
        model: request.weightsUrl,
        model_id: request.modelId,
        model_lib: request.modelLibUrl,
        overrides: { context_window_size: request.contextWindow, sliding_window_size: -1 },
        ...(request.requiredFeatures?.length ? { required_features: request.requiredFeatures } : {}),
      },
    ],
    cacheBackend: 'cache',
  };
}

/** Throws unless both URLs are absolute http(s): web-llm resolves relative ones against the origin, not the page. */
export function assertAbsoluteUrls(request: LlmLoadRequest): void {
  for (const url of [request.weightsUrl, request.modelLibUrl]) {
    if (!/^https?:\/\//.test(url)) throw new ModelLoadError(`the model URL "${url}" is not absolute (the app must resolve it against the page first)`);
  }
}

export interface PreflightDeps {
  caches: Pick<CacheStorage, 'open'>;
  fetch: typeof fetch;
}

/**
 * Checks, before web-llm starts, that its first two files can be had: the chat config (from the cache
 * the downloader fills, else where web-llm would fetch it) and the model library. A 404, an HTML page
 * served in place of a file (static hosts' fallback), or no network becomes a named error with the URL.
 */
export async function preflight(request: LlmLoadRequest, deps: PreflightDeps): Promise<void> {
  const configUrl = modelFileKey(request.weightsUrl, CHAT_CONFIG_FILE);
  const cachedConfig = await (await deps.caches.open('webllm/config')).match(configUrl);
  if (!cachedConfig) {
    const response = await fetchOrThrow(deps.fetch, configUrl, request.weightsUrl);
    if (!response.ok) throw new ModelFilesNotFoundError(request.weightsUrl, `HTTP ${response.status} for ${CHAT_CONFIG_FILE}; download the model first`);
    try {
      JSON.parse(await response.text());
    } catch {
      throw new ModelFilesNotFoundError(request.weightsUrl, `${CHAT_CONFIG_FILE} is not JSON`);
    }
  }
  const cachedLib = await (await deps.caches.open('webllm/wasm')).match(request.modelLibUrl);
  if (!cachedLib) {
    const response = await fetchOrThrow(deps.fetch, request.modelLibUrl, request.modelLibUrl, 'HEAD');
    if (!response.ok) throw new ModelFilesNotFoundError(request.modelLibUrl, `HTTP ${response.status} for the model library`);
    if ((response.headers.get('content-type') ?? '').includes('text/html')) {
      throw new ModelFilesNotFoundError(request.modelLibUrl, 'the server sent a web page instead of the model library');
    }
  }
}

async function fetchOrThrow(fetchFn: typeof fetch, url: string, shownUrl: string, method = 'GET'): Promise<Response> {
  try {
    return await fetchFn(url, { method, cache: 'no-store' });
  } catch (err) {
    throw new ModelFilesUnreachableError(shownUrl, (err as Error)?.message || 'network error');
  }
}

const APP_ERROR_NAMES = new Set([
  'WebGPUUnavailableError',
  'GPUDeviceLostError',
  'ModelFilesNotFoundError',
  'ModelFilesUnreachableError',
  'ModelLibraryError',
  'ModelLoadError',
  'WebLLMInternalsError',
]);

/** web-llm's (and the browser's) load failures, as the app's named errors. */
export function classifyLoadError(err: unknown, request: LlmLoadRequest): Error {
  const e = (err ?? {}) as { name?: string; message?: string };
  const name = e.name ?? '';
  const message = e.message ?? String(err);
  if (APP_ERROR_NAMES.has(name)) return err as Error;
  if (name === 'WebGPUNotAvailableError' || /Unable to find a compatible GPU/.test(message)) return new WebGPUUnavailableError('no-adapter');
  if (/requested (maxBufferSize|maxStorageBufferBindingSize|maxComputeWorkgroupStorageSize|maxStorageBuffersPerShaderStage)/.test(message)) {
    return new WebGPUUnavailableError('limits-too-small', message);
  }
  if (name === 'DeviceLostError') return new GPUDeviceLostError('while loading the model');
  if (name === 'ShaderF16SupportError' || name === 'FeatureSupportError') {
    return new ModelLoadError(`${message.split('.')[0]}; pick the q4f32_1 version of the model, which does not need it`);
  }
  if (/^(CompileError|LinkError|RuntimeError)$/.test(name) || /WebAssembly|wasm/i.test(message)) {
    return new ModelLibraryError(request.modelLibUrl, message);
  }
  if (/Failed to execute 'add' on 'Cache'|Cannot fetch/.test(message)) {
    return new ModelFilesNotFoundError(request.weightsUrl, message);
  }
  if (name === 'QuotaExceededError') return new ModelLoadError('the browser ran out of storage for the model; free some space or delete other cached models');
  return new ModelLoadError(message);
}
