/**
 * The real LLM worker service (workers/llm/service.ts) in a real Worker, over the web-llm stand-in of
 * the unit tests, so streaming, stop, abort and worker death cross a true worker boundary in Chromium.
 * Extra test hooks: `say` scripts the next answer, `crashSoon` throws an uncaught error in the worker.
 */
import * as Comlink from 'comlink';
import { createLlmService } from '../../workers/llm/service';
import { fakeAdapter } from '../unit/gpu/fake-adapter';
import { fakeWebLlm } from '../unit/llm/fake-webllm';

const web = fakeWebLlm();
const service = createLlmService({
  navigator: { gpu: { requestAdapter: async () => fakeAdapter({ features: ['shader-f16'] }) } },
  caches: { open: async () => ({ match: async () => new Response('{}') }) as unknown as Cache },
  fetch: self.fetch.bind(self),
  importWebLlm: async () => web.module as never,
  now: () => performance.now(),
});

Comlink.expose({
  ...service,
  say(text: string) {
    web.pipeline().say(text);
  },
  crashSoon() {
    setTimeout(() => {
      throw new Error('simulated crash in the model worker');
    }, 50);
  },
});
