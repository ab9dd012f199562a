/**
 * The models the app can run. Plain data (structured-cloneable, so an entry can cross to the LLM worker).
 *
 * - R1-CI-3B (q4f16_1, q4f32_1): R1-Code-Interpreter-3B converted with models/convert/, run with web-llm's
 *   prebuilt Qwen2.5-3B-Instruct model libraries (same architecture, checked by the conversion recipe).
 *   Its weights sit at a configurable base URL, by default this site's own `models/<id>/` folder.
 * - Stock Qwen2.5-3B/1.5B/0.5B-Instruct from web-llm's catalog: smaller fallbacks, NOT R1-CI (never
 *   trained on the code-interpreter protocol; expect lower accuracy).
 * - Custom: any MLC folder URL plus a model library URL (see ./custom-model.ts).
 */
import type { ModelRecord } from '@mlc-ai/web-llm';
import type { ProtocolRecord } from './protocol';
import { R1CI_3B, stockQwenProtocol } from './r1ci.protocol';

export type Quantization = 'q4f16_1' | 'q4f32_1';
export type ModelKind = 'r1ci' | 'stock' | 'custom';

export interface CatalogEntry {
  /** Unique id; also web-llm's `model_id` and the folder name under `models/`. */
  id: string;
  displayName: string;
  kind: ModelKind;
  /** True only for R1-Code-Interpreter weights; the UI labels everything else "not R1-CI". */
  isR1CI: boolean;
  variant: Quantization;
  /** q4f16_1 libraries need the adapter feature `shader-f16`. */
  needsShaderF16: boolean;
  /** GPU memory needed at `contextWindow` tokens, in MB (web-llm's figure at 4096 plus the extra KV cache); undefined when unknown. */
  vramRequiredMB?: number;
  /** The largest single buffer the model binds (its packed embedding table), in MiB; undefined when unknown. */
  largestBufferMB?: number;
  /** Approximate download (weights + library), for the UI before the manifest is read. */
  approxDownloadMB?: number;
  /** Context window the engine asks for (prompt + every round + every result). */
  contextWindow: number;
  /** Absolute URL of the MLC folder (web-llm's `model`). */
  weightsUrl: string;
  /** Absolute URL of the compiled WebGPU model library (web-llm's `model_lib`). */
  modelLibUrl: string;
  /** The harness protocol this model runs; `protocol.id` is its record id. */
  protocol: ProtocolRecord;
}

/** web-llm's library folder for 0.2.86 (`modelLibURLPrefix + modelVersion` in its config). */
export const WEBLLM_LIB_BASE = 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/';

/**
 * Copied from web-llm 0.2.86's `prebuiltAppConfig` (importing it would pull the 6 MB web-llm bundle into
 * the page; tests/unit/models/catalog.test.ts checks these against the installed package).
 * Download sizes are approximate (4.5 bits per parameter plus the library).
 */
const STOCK = [
  { size: '3B', variant: 'q4f16_1', lib: 'Qwen2.5-3B-Instruct-q4f16_1_cs1k-webgpu.wasm', vram: 2504.76, mb: 1750 },
  { size: '3B', variant: 'q4f32_1', lib: 'Qwen2.5-3B-Instruct-q4f32_1_cs1k-webgpu.wasm', vram: 2893.64, mb: 1750 },
  { size: '1.5B', variant: 'q4f16_1', lib: 'Qwen2-1.5B-Instruct-q4f16_1_cs1k-webgpu.wasm', vram: 1629.75, mb: 880 },
  { size: '1.5B', variant: 'q4f32_1', lib: 'Qwen2-1.5B-Instruct-q4f32_1_cs1k-webgpu.wasm', vram: 1888.97, mb: 880 },
  { size: '0.5B', variant: 'q4f16_1', lib: 'Qwen2-0.5B-Instruct-q4f16_1_cs1k-webgpu.wasm', vram: 944.62, mb: 280 },
  { size: '0.5B', variant: 'q4f32_1', lib: 'Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm', vram: 1060.2, mb: 280 },
] as const;

/**
 * The context window the harness needs (R1CI-PROTOCOL: 4096 new tokens plus the prompt and results).
 * web-llm's records say 4096; the KV cache is sized at load time, so a larger window only costs memory.
 */
const CONTEXT_WINDOW = R1CI_3B.contextWindow;

export interface CatalogOptions {
  /** The page's URL (`document.baseURI`): relative URLs resolve against it. */
  pageUrl: string;
  /**
   * Folder holding the R1-CI model folders (`<base>/<id>/mlc-chat-config.json`), absolute or relative to
   * the page. Default `models/`: the weights sit beside the app.
   */
  r1ciWeightsBase?: string;
  /**
   * Folder holding the model libraries (`<base>/Qwen2.5-3B-Instruct-q4f32_1_cs1k-webgpu.wasm`), absolute
   * or relative to the page. Default: web-llm's own (GitHub). A classroom or an offline copy can serve
   * them beside the app; tests point it at stand-in fixtures.
   */
  modelLibBase?: string;
}

/**
 * Catalog options from the page's query string: `?weights=<folder>` and `?libs=<folder>`. Accepted only
 * when they resolve to the page's own origin, so a shared link cannot send users' downloads elsewhere.
 */
export function catalogOptionsFromUrl(pageUrl: string): CatalogOptions {
  const page = new URL(pageUrl);
  const sameOrigin = (value: string | null): string | undefined => {
    if (!value) return undefined;
    try {
      return new URL(value, page).origin === page.origin ? value : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    pageUrl,
    r1ciWeightsBase: sameOrigin(page.searchParams.get('weights')),
    modelLibBase: sameOrigin(page.searchParams.get('libs')),
  };
}

export const R1CI_ID_PREFIX = 'R1-Code-Interpreter-3B';

/** All built-in entries, R1-CI first, then the fallbacks from largest to smallest. */
export function buildCatalog(options: CatalogOptions): CatalogEntry[] {
  const base = new URL(withSlash(options.r1ciWeightsBase ?? 'models/'), options.pageUrl).href;
  const libBase = new URL(withSlash(options.modelLibBase ?? WEBLLM_LIB_BASE), options.pageUrl).href;
  const r1ci = (['q4f16_1', 'q4f32_1'] as const).map((variant): CatalogEntry => {
    const id = `${R1CI_ID_PREFIX}-${variant}-MLC`;
    const stock = STOCK.find((s) => s.size === '3B' && s.variant === variant)!;
    return {
      id, displayName: `R1-Code-Interpreter-3B (${variant})`, kind: 'r1ci', isR1CI: true, variant,
      needsShaderF16: variant === 'q4f16_1', vramRequiredMB: vramAtContext(stock.vram, CONTEXT_WINDOW, qwenKvBytesPerToken('3B', variant)), largestBufferMB: qwenLargestBufferMB('3B'), approxDownloadMB: stock.mb, contextWindow: CONTEXT_WINDOW,
      weightsUrl: new URL(`${id}/`, base).href, modelLibUrl: libBase + stock.lib, protocol: R1CI_3B,
    };
  });
  const stock = STOCK.map((s): CatalogEntry => {
    const id = `Qwen2.5-${s.size}-Instruct-${s.variant}-MLC`;
    const displayName = `Qwen2.5-${s.size}-Instruct (${s.variant}), stock, not R1-CI`;
    return {
      id, displayName, kind: 'stock', isR1CI: false, variant: s.variant, needsShaderF16: s.variant === 'q4f16_1',
      vramRequiredMB: vramAtContext(s.vram, CONTEXT_WINDOW, qwenKvBytesPerToken(s.size, s.variant)), largestBufferMB: qwenLargestBufferMB(s.size), approxDownloadMB: s.mb, contextWindow: CONTEXT_WINDOW,
      weightsUrl: `https://huggingface.co/mlc-ai/${id}`, modelLibUrl: libBase + s.lib,
      protocol: stockQwenProtocol(id, displayName),
    };
  });
  return [...r1ci, ...stock];
}

/** The entries a device can run: q4f16_1 only with `shader-f16`. */
export function entriesForDevice(catalog: CatalogEntry[], hasShaderF16: boolean): CatalogEntry[] {
  return catalog.filter((e) => hasShaderF16 || !e.needsShaderF16);
}

/**
 * web-llm's record for an entry: pass `{ model_list: [toWebLLMRecord(entry)] }` as `appConfig` (default
 * `cacheBackend`, i.e. the Cache API the app's downloader fills).
 */
export function toWebLLMRecord(entry: CatalogEntry): ModelRecord {
  return {
    model: entry.weightsUrl,
    model_id: entry.id,
    model_lib: entry.modelLibUrl,
    vram_required_MB: entry.vramRequiredMB,
    low_resource_required: (entry.vramRequiredMB ?? Infinity) < 3000,
    required_features: entry.needsShaderF16 ? ['shader-f16'] : undefined,
    overrides: { context_window_size: entry.contextWindow },
  };
}

/**
 * KV-cache bytes per token: K and V for every layer and KV head, layers * 2 * kvHeads * headDim * bytes
 * (2 for q4f16_1's f16 activations, 4 for q4f32_1's f32). From the Qwen2.5 configs: 3B 36 layers, 2 KV
 * heads of 128; 1.5B 28 layers, 2 of 128; 0.5B 24 layers, 2 of 64.
 */
export function qwenKvBytesPerToken(size: '3B' | '1.5B' | '0.5B', variant: Quantization): number {
  const [layers, kvHeads, headDim] = size === '3B' ? [36, 2, 128] : size === '1.5B' ? [28, 2, 128] : [24, 2, 64];
  return layers * 2 * kvHeads * headDim * (variant === 'q4f16_1' ? 2 : 4);
}

/**
 * The packed 4-bit embedding table, uint32 [vocab 151936, hidden / 8], the largest tensor at q4f16_1 and
 * q4f32_1 alike: an adapter must bind it in one storage buffer. Computed from the architecture.
 */
export function qwenLargestBufferMB(size: '3B' | '1.5B' | '0.5B'): number {
  const hidden = size === '3B' ? 2048 : size === '1.5B' ? 1536 : 896;
  return (151_936 * (hidden / 8) * 4) / 2 ** 20;
}

/** web-llm's memory figure (measured at 4096 tokens) plus the KV cache for the extra context. */
export function vramAtContext(vramAt4kMB: number, contextWindow: number, kvBytesPerToken: number): number {
  return Math.round((vramAt4kMB + (Math.max(0, contextWindow - 4096) * kvBytesPerToken) / (1024 * 1024)) * 100) / 100;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : url + '/';
}
