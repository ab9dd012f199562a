/**
 * The Cache API side: the exact entries web-llm reads (see ./keys). Works in a page and in a worker.
 */
import { StorageQuotaError, isQuotaError } from './errors';
import { CACHE_SCOPES, type CacheScope } from './keys';
import type { ModelFile } from './plan';

/** Opened afresh each time: a kept handle would keep writing into a cache deleted meanwhile (eviction). */
function scopeCache(scope: CacheScope): Promise<Cache> {
  return caches.open(scope);
}

/** Size of the cached copy of `file`, or undefined when it is not cached. */
export async function cachedSize(file: ModelFile): Promise<number | undefined> {
  const response = await (await scopeCache(file.scope)).match(file.cacheKey);
  if (!response) return undefined;
  return responseSize(response);
}

/**
 * Entries written by this module carry Content-Length; entries web-llm wrote itself carry the server's
 * header, or none (then the body's size, which Chromium reads from disk without loading it).
 */
async function responseSize(response: Response): Promise<number> {
  const header = response.headers.get('content-length');
  if (header !== null && !response.headers.get('content-encoding')) {
    await response.body?.cancel().catch(() => {});
    return Number(header);
  }
  return (await response.blob()).size;
}

/** The cached text of a small file (config, manifest), or undefined. */
export async function cachedText(file: ModelFile): Promise<string | undefined> {
  const response = await (await scopeCache(file.scope)).match(file.cacheKey);
  return response ? response.text() : undefined;
}

/** The cached body of a file as a Blob (Chromium keeps it on disk until read), or undefined. */
export async function cachedBlob(file: ModelFile): Promise<Blob | undefined> {
  const response = await (await scopeCache(file.scope)).match(file.cacheKey);
  return response ? response.blob() : undefined;
}

/**
 * Stores one file under the key web-llm looks up. `body` may be a stream: the Cache API writes it to disk
 * as it arrives, and rejects (storing nothing) if the stream errors. `size`, when known, is recorded as
 * Content-Length so inspection need not read bodies.
 */
export async function putFile(file: ModelFile, body: Blob | ReadableStream<Uint8Array>, size: number | undefined): Promise<void> {
  const headers: Record<string, string> = { 'content-type': contentTypeOf(file) };
  if (size !== undefined) headers['content-length'] = String(size);
  try {
    // A fresh Response without Vary or caching headers: `cache.match(url)` finds it whatever the server sent.
    await (await scopeCache(file.scope)).put(new Request(file.cacheKey), new Response(body, { headers }));
  } catch (err) {
    if (isQuotaError(err)) throw new StorageQuotaError(size ?? 0, undefined, file.name);
    throw err;
  }
}

export async function deleteKey(scope: CacheScope, key: string): Promise<boolean> {
  return (await scopeCache(scope)).delete(key);
}

/** Every key in `scope` starting with `prefix` (a model's folder), with its size. */
export async function entriesUnder(scope: CacheScope, prefix: string): Promise<{ key: string; bytes: number }[]> {
  const cache = await scopeCache(scope);
  const found: { key: string; bytes: number }[] = [];
  for (const request of await cache.keys()) {
    if (!request.url.startsWith(prefix)) continue;
    const response = await cache.match(request);
    if (response) found.push({ key: request.url, bytes: await responseSize(response) });
  }
  return found;
}

/** The three scope names, for tests and for "delete everything". */
export function allScopes(): readonly CacheScope[] {
  return CACHE_SCOPES;
}

/** Free space the browser will give this origin, in bytes; undefined when the browser cannot say. */
export async function availableStorage(): Promise<number | undefined> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return undefined;
  const { quota, usage } = await navigator.storage.estimate();
  if (quota === undefined) return undefined;
  return Math.max(0, quota - (usage ?? 0));
}

/**
 * Asks the browser not to evict this origin's storage under pressure (a 2 GB model is the first thing
 * evicted otherwise). Returns whether storage is persistent; never throws.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return false;
  }
}

function contentTypeOf(file: ModelFile): string {
  if (file.role === 'library') return 'application/wasm';
  if (file.name.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}
