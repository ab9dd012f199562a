// Plain-JS entry of the Python worker thread: registers tsx for this thread, then loads the
// TypeScript entry. (A worker thread does not inherit the parent's tsx/vitest transform.)
import { tsImport } from 'tsx/esm/api';

await tsImport('./node-worker.ts', import.meta.url);
