/**
 * What the service worker precaches, decided on the build's file list (run by Workbox at build time as a
 * manifest transform, and by the unit tests over dist/). Pure.
 *
 * In: the app shell, its chunks and workers, the icons and manifest, Pyodide's runtime (pyodide.asm.wasm,
 * pyodide.asm.mjs, python_stdlib.zip, pyodide-lock.json), small recorded demos, and model libraries
 * (.wasm) shipped inside the build.
 * Out: model weights and everything else of a model folder (they live in web-llm's caches, filled by the
 * app's downloader, and are gigabytes), Python wheels (runtime cache, fetched on demand or ahead of time),
 * source maps, and recordings over DEMO_MAX_BYTES.
 */

/** Largest single file precached; pyodide.asm.wasm (about 9.6 MB) and the web-llm chunk (about 6 MB) fit. */
export const MAX_PRECACHE_FILE_BYTES = 16 * 1024 * 1024;

/** A recorded demo bigger than this is fetched when opened rather than downloaded on every install. */
export const DEMO_MAX_BYTES = 2 * 1024 * 1024;

/** Files of an MLC model folder (weights, tokenizer, configs): never precached, wherever they sit. */
const MODEL_FILE = /(^|\/)(params_shard_\d+\.bin|[^/]*\.bin|tensor-cache\.json|ndarray-cache\.json|mlc-chat-config\.json|tokenizer\.(json|model)|tokenizer_config\.json|vocab\.json|merges\.txt|added_tokens\.json)$/;

export interface BuildFile {
  /** Path relative to the build folder, with forward slashes (`assets/index-abc.js`). */
  url: string;
  size: number;
}

export type Exclusion = 'model-file' | 'python-package' | 'source-map' | 'large-demo' | 'too-large';

/** Why a file stays out of the precache, or undefined when it goes in. */
export function precacheExclusion(file: BuildFile): Exclusion | undefined {
  const url = file.url.replace(/^\.?\//, '');
  if (url.endsWith('.map')) return 'source-map';
  if (/\.(whl|tar|tgz|tar\.gz)$/.test(url) || (/\.zip$/.test(url) && !url.endsWith('python_stdlib.zip'))) return 'python-package';
  // A model folder shipped beside the app: only its library may be precached (small, and web-llm skips
  // its own cache for a same-origin localhost library URL).
  if (url.startsWith('models/') && !url.endsWith('.wasm')) return 'model-file';
  if (MODEL_FILE.test(url)) return 'model-file';
  if (/^(demos|replays)\//.test(url) && file.size > DEMO_MAX_BYTES) return 'large-demo';
  if (file.size > MAX_PRECACHE_FILE_BYTES) return 'too-large';
  return undefined;
}

/** Splits the build's files into the precache list and the ones left out, with the reason. */
export function partitionPrecache<T extends BuildFile>(files: T[]): { kept: T[]; excluded: { file: T; reason: Exclusion }[] } {
  const kept: T[] = [];
  const excluded: { file: T; reason: Exclusion }[] = [];
  for (const file of files) {
    const reason = precacheExclusion(file);
    if (reason) excluded.push({ file, reason });
    else kept.push(file);
  }
  return { kept, excluded };
}
