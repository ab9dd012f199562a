/**
 * A "custom model" catalog entry from any MLC folder URL plus a model library URL. Pure checks with
 * messages a user can act on; unit-tested in tests/unit/models/custom-model.test.ts.
 */
import type { CatalogEntry, Quantization } from './catalog';
import { stockQwenProtocol } from './r1ci.protocol';

/** Thrown (branch on `name`) when a custom model's URLs cannot work. */
export class CustomModelError extends Error {
  override name = 'CustomModelError';
}

export interface CustomModelInput {
  /** The MLC folder (holding mlc-chat-config.json), absolute or relative to the page. */
  weightsUrl: string;
  /** The compiled WebGPU model library (.wasm) for that model's architecture and quantization. */
  modelLibUrl: string;
  displayName?: string;
  /** Page URL (`document.baseURI`) for relative URLs. */
  pageUrl: string;
  contextWindow?: number;
}

export interface CustomModelResult {
  entry: CatalogEntry;
  /** Things that work but deserve a word in the UI. */
  warnings: string[];
}

export function buildCustomEntry(input: CustomModelInput): CustomModelResult {
  const warnings: string[] = [];
  const weights = parseHttpUrl(input.weightsUrl, input.pageUrl, 'Model folder URL');
  const lib = parseHttpUrl(input.modelLibUrl, input.pageUrl, 'Model library URL');
  const lastSegment = weights.pathname.replace(/\/+$/, '').split('/').pop() ?? '';
  if (/\.(json|bin|wasm)$/i.test(lastSegment)) {
    throw new CustomModelError(`Model folder URL points to the file ${lastSegment}; give the folder that contains mlc-chat-config.json instead (remove "${lastSegment}" from the end).`);
  }
  if (!lib.pathname.toLowerCase().endsWith('.wasm')) {
    throw new CustomModelError('Model library URL must point to a compiled .wasm file (e.g. ...-webgpu.wasm from binary-mlc-llm-libs), not a folder or web page.');
  }
  if (lib.href.includes('localhost')) {
    warnings.push('web-llm never caches a model library whose URL contains "localhost", so this model will not load offline; use 127.0.0.1 instead.');
  }
  const folderUrl = weights.href.endsWith('/') ? weights.href : weights.href + '/';
  const name = folderName(weights);
  const variant = quantizationOf(name) ?? quantizationOf(lib.pathname);
  if (!variant) warnings.push('Could not tell the quantization from the URLs; assuming q4f32_1 (no shader-f16 needed).');
  const quantsDisagree = quantizationOf(name) && quantizationOf(lib.pathname) && quantizationOf(name) !== quantizationOf(lib.pathname);
  if (quantsDisagree) throw new CustomModelError(`The model folder is ${quantizationOf(name)} but the library is ${quantizationOf(lib.pathname)}; they must match.`);
  const id = `custom:${name}`;
  const displayName = input.displayName?.trim() || `${name} (custom, not R1-CI)`;
  const resolved: Quantization = variant ?? 'q4f32_1';
  return {
    entry: {
      id, displayName, kind: 'custom', isR1CI: false, variant: resolved, needsShaderF16: /f16/.test(resolved),
      contextWindow: input.contextWindow ?? 4096, weightsUrl: folderUrl, modelLibUrl: lib.href,
      protocol: stockQwenProtocol(id, displayName),
    },
    warnings,
  };
}

function parseHttpUrl(raw: string, pageUrl: string, label: string): URL {
  const text = raw.trim();
  if (!text) throw new CustomModelError(`${label} is empty.`);
  let url: URL;
  try {
    url = new URL(text, pageUrl);
  } catch {
    throw new CustomModelError(`${label} "${text}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CustomModelError(`${label} must start with https:// or http:// (got ${url.protocol}). To use files on this computer, import the folder instead.`);
  }
  if (url.search || url.hash) {
    throw new CustomModelError(`${label} must not contain "?" or "#" (file names are appended to it); remove "${url.search}${url.hash}".`);
  }
  return url;
}

/** Folder name: the repository for Hugging Face (`.../X-MLC/resolve/main/` -> `X-MLC`), else the last segment. */
function folderName(url: URL): string {
  const parts = url.pathname.split('/').filter(Boolean);
  const resolveAt = parts.indexOf('resolve');
  const name = resolveAt > 0 ? parts[resolveAt - 1] : parts[parts.length - 1];
  return name ? decodeURIComponent(name) : url.hostname;
}

/** `q4f16_1` or `q4f32_1` when the name says so; other quantizations are not offered by this app. */
export function quantizationOf(name: string): Quantization | undefined {
  const match = /q4f(16|32)_1/.exec(name);
  return match ? (`q4f${match[1]}_1` as Quantization) : undefined;
}
