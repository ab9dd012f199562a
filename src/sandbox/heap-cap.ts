/**
 * The memory ceiling of the sandboxed Python. Pyodide's wasm memory starts small and grows on demand
 * through emscripten's `_emscripten_resize_heap`, which refuses to grow past `getHeapMax()` (4 GiB - 64
 * KiB in this build: `var getHeapMax=()=>4294901760;` in pyodide.asm.mjs). Lowering that constant in the
 * loader text the app hands to the sandbox makes every allocation past the ceiling fail inside wasm, so
 * CPython raises `MemoryError` and the runtime lives on. Pure text: unit-tested in Node against the real
 * pyodide.asm.mjs.
 */

/** Default ceiling: 1 GiB, far below what would freeze a 4-8 GB laptop. */
export const DEFAULT_MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024;

const HEAP_MAX = /var getHeapMax=\(\)=>(\d+);/;

/** The loader's own ceiling (bytes), or null when this Pyodide build has none we recognise. */
export function readHeapMax(asmSource: string): number | null {
  const match = HEAP_MAX.exec(asmSource);
  return match ? Number(match[1]) : null;
}

/**
 * `asmSource` with its heap ceiling set to `limitBytes` (rounded down to wasm's 64 KiB pages). Throws
 * when the pattern is missing (a new Pyodide release): better no sandbox start than an unlimited one.
 */
export function capHeap(asmSource: string, limitBytes: number): string {
  const current = readHeapMax(asmSource);
  if (current === null) {
    throw new Error('This Pyodide build has no recognisable heap limit (getHeapMax); update src/sandbox/heap-cap.ts for it.');
  }
  const pages = Math.floor(Math.min(limitBytes, current) / 65536);
  if (pages < 1) throw new Error(`The Python memory limit must be at least 64 KiB (got ${limitBytes} bytes).`);
  return asmSource.replace(HEAP_MAX, `var getHeapMax=()=>${pages * 65536};`);
}
