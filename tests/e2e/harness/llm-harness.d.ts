/** The API tests/harness/llm.html puts on `window`, for typed page.evaluate calls in llm*.spec.ts. */
import type { FitAssessment, GpuInfo, VariantChoice } from '../../../src/gpu/index';
import type { LlmLoadProgress, LlmLoadRequest, LlmLoadResult } from '../../../workers/llm/contract';

type Failure = { ok: false; name: string; message: string };

declare global {
  interface Window {
    llm: {
      detectOnPage(): Promise<{ ok: true; info: GpuInfo; summary: string; choice: VariantChoice; fit: FitAssessment } | Failure>;
      detectInWorker(): Promise<{ ok: true; info: GpuInfo; choice: VariantChoice } | Failure>;
      ready(): Promise<{ modelLibraryVersion: string }>;
      timedReady(): Promise<number>;
      workerStarts(): number;
      load(request: LlmLoadRequest): Promise<({ ok: true; result: LlmLoadResult } | Failure) & { progress: LlmLoadProgress[] }>;
      cacheChatConfig(weightsUrl: string, fromUrl: string): Promise<void>;
      cacheUrls(scope: string): Promise<string[]>;
      pageResources(): string[];
    };
  }
}
