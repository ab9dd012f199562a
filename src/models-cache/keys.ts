/**
 * Where web-llm 0.2.86 looks for a model's files in the Cache API, mirrored here so the app's own
 * downloader writes exactly the entries web-llm later reads (read from node_modules/@mlc-ai/web-llm/lib/index.js:
 * `cleanModelUrl`, `MLCEngine.reloadInternal`, `asyncLoadTokenizer`, `hasTensorInCache`).
 *
 * - scope `webllm/config`: `mlc-chat-config.json`, keyed under the cleaned model URL;
 * - scope `webllm/wasm`: the model library, keyed by `model_lib` exactly as written in the record;
 * - scope `webllm/model`: `tokenizer.json` (or `tokenizer.model`), `tensor-cache.json` and each shard
 *   (`dataPath` of every manifest record), all under the cleaned model URL.
 * Cache entries are matched by URL (`cache.match(new Request(url))`), with the default `cacheBackend: "cache"`.
 */

export type CacheScope = 'webllm/config' | 'webllm/wasm' | 'webllm/model';

export const CACHE_SCOPES: readonly CacheScope[] = ['webllm/config', 'webllm/wasm', 'webllm/model'];

/** web-llm 0.2.86 reads this manifest name (older MLC builds wrote `ndarray-cache.json`, which it ignores). */
export const TENSOR_CACHE_MANIFEST = 'tensor-cache.json';
export const CHAT_CONFIG_FILE = 'mlc-chat-config.json';

/**
 * web-llm's `cleanModelUrl`: adds a trailing slash, then `resolve/main/` unless the URL already holds a
 * `/resolve/<rev>/` segment. It does this for every host, not only Hugging Face, so a self-hosted folder
 * `https://school.example/app/models/X/` is keyed as `https://school.example/app/models/X/resolve/main/...`.
 * Throws a TypeError for a relative URL, as web-llm does: resolve against the page first.
 */
export function webllmModelBase(modelUrl: string): string {
  let url = modelUrl.endsWith('/') ? modelUrl : modelUrl + '/';
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return new URL(url).href;
}

/**
 * The URL the files are really fetched from. Hugging Face serves files under `resolve/<rev>/`, so a bare
 * repository URL gets web-llm's suffix; any other host serves the folder as it is (a static folder has no
 * `resolve/main/` inside it).
 */
export function fetchBase(modelUrl: string): string {
  const withSlash = modelUrl.endsWith('/') ? modelUrl : modelUrl + '/';
  const url = new URL(withSlash);
  if (url.hostname === 'huggingface.co' || url.hostname.endsWith('.huggingface.co')) return webllmModelBase(withSlash);
  return url.href;
}

/**
 * True when web-llm will read the model library from its cache. It fetches a library URL that contains
 * `localhost`, or does not start with `http`, straight from the network every time (so such a library
 * never works offline unless a service worker serves it).
 */
export function webllmCachesLibrary(modelLibUrl: string): boolean {
  return modelLibUrl.startsWith('http') && !modelLibUrl.includes('localhost');
}

/** Cache key (a URL) of a file inside the model folder, as web-llm computes it. */
export function modelFileKey(modelUrl: string, relativePath: string): string {
  return new URL(relativePath, webllmModelBase(modelUrl)).href;
}

/** Cache key of the model library: `model_lib` itself, normalised the way `new Request(url)` does. */
export function libraryKey(modelLibUrl: string): string {
  return new URL(modelLibUrl).href;
}
