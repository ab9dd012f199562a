/// <reference lib="webworker" />
/**
 * The LLM worker's entry: web-llm and the model run here, never on the page. The page talks to it
 * through src/clients/llm-client.ts (contract: ./contract.ts).
 */
import * as Comlink from 'comlink';
import { createLlmService } from './service';

Comlink.expose(
  createLlmService({
    navigator: self.navigator as unknown as { gpu?: GPU; deviceMemory?: number },
    caches: self.caches,
    fetch: self.fetch.bind(self),
    importWebLlm: () => import('@mlc-ai/web-llm'),
    now: () => performance.now(),
  }),
);
