import { describe, expect, it } from 'vitest';
import { R1CI_3B, stockQwenProtocol } from '../../../models/r1ci.protocol';
import type { Engine } from '../../../src/engines/engine';
import { ModelController } from '../../../src/app/controllers/model-controller';
import type { DownloadProgress, GpuStatus, MemoryFit, ModelAvailability, ModelBackend, ModelChoice } from '../../../src/app/services/model-backend';

const CHOICES: ModelChoice[] = [
  { id: 'r1ci', displayName: 'R1-CI', isR1CI: true, protocol: R1CI_3B },
  { id: 'qwen', displayName: 'Qwen, not R1-CI', isR1CI: false, protocol: stockQwenProtocol('qwen', 'Qwen') },
];
const ENGINE = { kind: 'webllm', label: 'x', isRecording: false, generate: async () => ({ finish: 'eos', usage: { completionTokens: 0 } }) } as Engine;

/** A scripted backend: each test sets what the GPU, the cache and the engine do. */
function fakeBackend(over: Partial<ModelBackend> & { availability?: ModelBackend['availability'] } = {}) {
  const lost: ((reason: Error) => void)[] = [];
  const backend: ModelBackend & { loseModel(reason: Error): void; loads: number } = {
    loads: 0,
    catalog: () => CHOICES,
    detectGpu: async (): Promise<GpuStatus> => ({ kind: 'ok', shaderF16: false, isFallbackAdapter: false, description: 'gpu' }),
    availability: async (): Promise<ModelAvailability> => ({ kind: 'not-downloaded' }),
    download: async () => {},
    remove: async () => {},
    memoryFit: (): MemoryFit | null => null,
    onModelLost: (l) => void lost.push(l),
    addCustomModel: () => ({ id: 'x', warnings: [] }),
    removeCustomModel: () => {},
    loadEngine: async () => {
      backend.loads++;
      return ENGINE;
    },
    loseModel: (reason) => lost.forEach((l) => l(reason)),
    ...over,
  };
  return backend;
}

function controller(backend: ModelBackend, modelId = 'r1ci') {
  let updates = 0;
  const host = { addController: () => {}, removeController: () => {}, requestUpdate: () => void updates++, updateComplete: Promise.resolve(true) };
  return { c: new ModelController(host, backend, modelId), updates: () => updates };
}

describe('ModelController', () => {
  it('says so when there is no WebGPU', async () => {
    const { c } = controller(fakeBackend({ detectGpu: async () => ({ kind: 'none', reason: 'No adapter.' }) }));
    await c.check();
    expect(c.state).toEqual({ phase: 'no-webgpu', reason: 'No adapter.' });
    expect(c.canRunModel).toBe(false);
  });

  it('reports weights not hosted, and a model choice unknown to the catalog falls back to the first', async () => {
    const { c } = controller(fakeBackend({ availability: async () => ({ kind: 'weights-missing', url: 'u/', help: 'h' }) }), 'gone');
    expect(c.modelId).toBe('r1ci');
    await c.check();
    expect(c.state).toEqual({ phase: 'weights-missing', url: 'u/', help: 'h' });
  });

  it('downloads with progress, and a pause leaves it not downloaded with the bytes done', async () => {
    let report!: (p: DownloadProgress) => void;
    let finish!: () => void;
    let fail!: (e: Error) => void;
    const backend = fakeBackend({
      download: (_id, onProgress, signal) =>
        new Promise<void>((resolve, reject) => {
          report = onProgress;
          finish = resolve;
          fail = reject;
          signal?.addEventListener('abort', () => reject(new DOMException('paused', 'AbortError')));
        }),
    });
    const { c } = controller(backend);
    await c.check();
    const first = c.download();
    report({ bytesDone: 10, bytesTotal: 100 });
    expect(c.state).toEqual({ phase: 'downloading', progress: { bytesDone: 10, bytesTotal: 100 } });
    backend.availability = async () => ({ kind: 'not-downloaded', bytesDone: 10, bytesTotal: 100 });
    c.pause();
    await first;
    expect(c.state).toEqual({ phase: 'not-downloaded', bytesDone: 10, bytesTotal: 100 });

    const second = c.download();
    finish();
    await second;
    expect(c.state).toEqual({ phase: 'cached' });
    expect(c.canRunModel).toBe(true);

    const third = c.download();
    fail(Object.assign(new Error('The disk is full: free 2 GB and try again.'), { name: 'StorageQuotaError' }));
    await third;
    expect(c.state).toEqual({ phase: 'error', message: 'The disk is full: free 2 GB and try again.' });
  });

  it('refuses to download a model the GPU cannot run, in the check\'s words', async () => {
    let downloads = 0;
    const backend = fakeBackend({ memoryFit: () => ({ verdict: 'cannot-run', warnings: ['Too big for this GPU.'] }), download: async () => void downloads++ });
    const { c } = controller(backend);
    await c.check();
    await c.download();
    expect(downloads).toBe(0);
    expect(c.state).toEqual({ phase: 'error', message: 'Too big for this GPU.' });
  });

  it('loads the engine once, reloads after the model is lost, and says when the GPU device was lost', async () => {
    const backend = fakeBackend({ availability: async () => ({ kind: 'cached' }) });
    const { c } = controller(backend);
    await c.check();
    expect(await c.getEngine(new AbortController().signal)).toBe(ENGINE);
    expect(c.state).toEqual({ phase: 'ready' });
    await c.getEngine(new AbortController().signal);
    expect(backend.loads).toBe(1);

    backend.loseModel(Object.assign(new Error('worker restarted'), { name: 'AbortError' }));
    await new Promise((r) => setTimeout(r, 0));
    expect(c.state).toEqual({ phase: 'cached' });
    await c.getEngine(new AbortController().signal);
    expect(backend.loads).toBe(2);

    backend.loseModel(Object.assign(new Error('The graphics device was lost.'), { name: 'GPUDeviceLostError' }));
    expect(c.state).toEqual({ phase: 'error', message: 'The graphics device was lost.' });
  });

  it('a stopped load goes back to the cached state; a failed one shows its message', async () => {
    const backend = fakeBackend({
      availability: async () => ({ kind: 'cached' }),
      loadEngine: (_id, _p, signal) => new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new DOMException('stopped', 'AbortError')))),
    });
    const { c } = controller(backend);
    await c.check();
    const session = new AbortController();
    const loading = c.getEngine(session.signal);
    expect(c.state.phase).toBe('loading');
    session.abort();
    await expect(loading).rejects.toMatchObject({ name: 'AbortError' });
    expect(c.state).toEqual({ phase: 'cached' });

    backend.loadEngine = async () => { throw Object.assign(new Error('The model library could not be started.'), { name: 'ModelLoadError' }); };
    await expect(c.getEngine(new AbortController().signal)).rejects.toThrow('could not be started');
    expect(c.state).toEqual({ phase: 'error', message: 'The model library could not be started.' });
  });
});
