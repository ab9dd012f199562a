/**
 * The LLM worker's API, built on web-llm. Loaded only inside the worker; web-llm itself (6 MB) is
 * imported on first use, so the worker answers `gpuInfo` at once.
 */
import type { MLCEngine } from '@mlc-ai/web-llm';
import { detectGpu, type NavigatorLike } from '../../src/gpu/detect';
import { GPUDeviceLostError } from '../../src/gpu/errors';
import type { LlmGenerateRequest, LlmGenerateResult, LlmLoadRequest, LlmLoadResult, LlmProgressSink, LlmTextSink, LlmWorkerApi } from './contract';
import { GenerationBusyError, ModelLoadError, ModelNotLoadedError } from './errors';
import { CacheState, generateRound } from './generation';
import { assertAbsoluteUrls, buildAppConfig, classifyLoadError, preflight, type PreflightDeps } from './load';
import { CpuSamplingProcessor, samplingProblem } from './sampling';
import { probePipeline, WebLlmTokenModel } from './webllm-model';

type WebLlmModule = typeof import('@mlc-ai/web-llm');

export interface LlmServiceDeps extends PreflightDeps {
  navigator: NavigatorLike;
  importWebLlm: () => Promise<WebLlmModule>;
  now: () => number;
}

/** How long to wait, after a GPU call fails, for `device.lost` to say whether that was the cause. */
const DEVICE_LOST_SETTLE_MS = 200;

export function createLlmService(deps: LlmServiceDeps): LlmWorkerApi {
  let engine: MLCEngine | undefined;
  let model: WebLlmTokenModel | undefined;
  let loaded: LlmLoadResult | undefined;
  let deviceLost: Error | undefined;
  let lostSignal: Promise<void> | undefined;
  let cache = new CacheState();
  let busy = false;
  let abortRequested = false;
  let unloading = false;

  async function unloadEngine(): Promise<void> {
    if (!engine) return;
    unloading = true;
    try {
      await engine.unload();
    } finally {
      unloading = false;
      engine = model = loaded = undefined;
      cache = new CacheState();
    }
  }

  return {
    gpuInfo: () => detectGpu(deps.navigator),

    async warmUp() {
      const webllm = await deps.importWebLlm();
      return { modelLibraryVersion: webllm.modelVersion };
    },

    async load(request: LlmLoadRequest, onProgress?: LlmProgressSink): Promise<LlmLoadResult> {
      if (busy) throw new GenerationBusyError();
      const started = deps.now();
      assertAbsoluteUrls(request);
      // No adapter: say so before anything is fetched.
      const gpu = await detectGpu(deps.navigator);
      if (request.requiredFeatures?.includes('shader-f16') && !gpu.features.includes('shader-f16')) {
        throw new ModelLoadError('this version of the model needs 16-bit shaders (shader-f16), which this GPU lacks; pick the q4f32_1 version');
      }
      await preflight(request, deps);
      const webllm = await deps.importWebLlm();
      await unloadEngine();
      deviceLost = undefined;
      const processor = new CpuSamplingProcessor();
      const next = new webllm.MLCEngine({
        appConfig: buildAppConfig(request),
        logitProcessorRegistry: new Map([[request.modelId, processor]]),
        initProgressCallback: (report) => onProgress?.({ fraction: report.progress, text: report.text, elapsedMs: report.timeElapsed * 1000 }),
        logLevel: 'WARN',
      });
      try {
        await next.reload(request.modelId);
        const pipeline = probePipeline(next, request.modelId);
        engine = next;
        model = new WebLlmTokenModel(next, request.modelId, pipeline, processor);
      } catch (err) {
        await next.unload().catch(() => undefined);
        throw classifyLoadError(err, request);
      }
      const device = model.device();
      lostSignal = device?.lost.then((info) => {
        if (unloading || info.reason === 'destroyed') return;
        deviceLost = new GPUDeviceLostError(info.message || undefined);
      });
      loaded = {
        modelId: request.modelId,
        contextWindow: model.contextWindow,
        kvRollback: model.canRollback,
        cpuSampling: true,
        gpu,
        loadMs: deps.now() - started,
      };
      return loaded;
    },

    async generate(request: LlmGenerateRequest, onText: LlmTextSink): Promise<LlmGenerateResult> {
      if (deviceLost) throw deviceLost;
      if (!model) throw new ModelNotLoadedError();
      if (busy) throw new GenerationBusyError();
      const problem = samplingProblem(request.sampling);
      if (problem) throw new RangeError(problem);
      busy = true;
      abortRequested = false;
      try {
        return await generateRound(model, cache, request, onText, {
          aborted: () => abortRequested,
          failure: () => deviceLost,
          now: deps.now,
        });
      } catch (err) {
        // A lost device makes the next GPU call fail with some unrelated message: give the real cause.
        if (!deviceLost && lostSignal) await Promise.race([lostSignal, new Promise((r) => setTimeout(r, DEVICE_LOST_SETTLE_MS))]);
        if (deviceLost) {
          model = loaded = undefined;
          throw deviceLost;
        }
        throw err;
      } finally {
        busy = false;
      }
    },

    abort() {
      if (busy) abortRequested = true;
    },

    async resetCache() {
      cache.forget();
    },

    async unload() {
      await unloadEngine();
    },
  };
}
