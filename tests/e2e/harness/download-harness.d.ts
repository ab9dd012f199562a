/** The API tests/harness/download.html puts on `window`, for the typed page.evaluate calls in download.spec.ts. */
import type { ModelCacheReport, DownloadProgress, DownloadSummary, WeightsProbe } from '../../../src/models-cache/index';

type PlainError = { name: string; message: string };
type RunResult = { summary?: DownloadSummary; error?: PlainError };
type StartOptions = { concurrency?: number; pauseAtFiles?: number; skipQuotaCheck?: boolean };

declare global {
  interface Window {
    dlEvents: DownloadProgress[];
    dlRun: Promise<RunResult>;
    dl: {
      start(folder: string, port: number, options?: StartOptions): void;
      download(folder: string, port: number, options?: StartOptions): Promise<RunResult & { events: DownloadProgress[] }>;
      inspect(folder: string, port: number): Promise<ModelCacheReport>;
      remove(folder: string, port: number): Promise<number>;
      probe(folder: string, port: number): Promise<WeightsProbe>;
      keys(): Promise<string[]>;
      webllm(folder: string, port: number): Promise<{ has: boolean; reloadError?: PlainError }>;
      webllmDeleteAll(folder: string, port: number): Promise<void>;
    };
  }
}
