/** The model controller's classroom actions (import from a folder, export to one) over a scripted backend. */
import { describe, expect, it } from 'vitest';
import { R1CI_3B } from '../../../models/r1ci.protocol';
import { ModelController, type ModelState } from '../../../src/app/controllers/model-controller';
import type { ModelAvailability, ModelBackend, WritableDirectory } from '../../../src/app/services/model-backend';

function backend(over: Partial<ModelBackend> = {}): ModelBackend {
  return {
    catalog: () => [{ id: 'r1ci', displayName: 'R1-CI', isR1CI: true, protocol: R1CI_3B }],
    detectGpu: async () => ({ kind: 'ok', shaderF16: false, isFallbackAdapter: false, description: 'gpu' }),
    availability: async (): Promise<ModelAvailability> => ({ kind: 'weights-missing', url: 'models/r1ci/', help: 'h' }),
    download: async () => {},
    remove: async () => {},
    memoryFit: () => null,
    onModelLost: () => {},
    addCustomModel: () => ({ id: 'x', warnings: [] }),
    removeCustomModel: () => {},
    loadEngine: async () => { throw new Error('no engine here'); },
    ...over,
  };
}

function controller(b: ModelBackend): { c: ModelController; states: ModelState[] } {
  const states: ModelState[] = [];
  const host = { addController: () => {}, removeController: () => {}, requestUpdate: () => void states.push(c.state), updateComplete: Promise.resolve(true) };
  const c = new ModelController(host, b, 'r1ci');
  return { c, states };
}

const FILES = new Map<string, Blob>([['mlc-chat-config.json', new Blob(['{}'])]]);

describe('ModelController classroom actions', () => {
  it('imports a folder with the download\'s progress, naming the folder, then the model is downloaded', async () => {
    let got: { id: string; names: string[]; folder: string } | undefined;
    const { c, states } = controller(backend({
      importFolder: async (id, files, folder, onProgress) => {
        got = { id, names: [...files.keys()], folder };
        onProgress({ bytesDone: 5, bytesTotal: 10 });
      },
    }));
    await c.check();
    await c.importFolder(FILES, 'USB');
    expect(got).toEqual({ id: 'r1ci', names: ['mlc-chat-config.json'], folder: 'USB' });
    expect(states).toContainEqual({ phase: 'downloading', progress: { bytesDone: 5, bytesTotal: 10 }, from: 'USB' });
    expect(c.state).toEqual({ phase: 'cached' });
  });

  it('shows a wrong folder\'s message as the error; a stopped import goes back to what is cached', async () => {
    const wrong = controller(backend({ importFolder: async () => { throw Object.assign(new Error('The folder "USB" does not hold all of r1ci: missing params_shard_1.bin.'), { name: 'InvalidModelFolderError' }); } }));
    await wrong.c.check();
    await wrong.c.importFolder(FILES, 'USB');
    expect(wrong.c.state).toEqual({ phase: 'error', message: 'The folder "USB" does not hold all of r1ci: missing params_shard_1.bin.' });

    const stopped = controller(backend({
      importFolder: (_id, _files, _folder, _progress, signal) => new Promise((_, reject) => signal!.addEventListener('abort', () => reject(new DOMException('stopped', 'AbortError')))),
    }));
    await stopped.c.check();
    const running = stopped.c.importFolder(FILES, 'USB');
    expect(stopped.c.state.phase).toBe('downloading');
    stopped.c.pause();
    await running;
    expect(stopped.c.state).toEqual({ phase: 'weights-missing', url: 'models/r1ci/', help: 'h' });
  });

  it('refuses an import the GPU check rules out, and says when the build cannot import or export', async () => {
    let imported = 0;
    const tooBig = controller(backend({ memoryFit: () => ({ verdict: 'cannot-run', warnings: ['Too big.'] }), importFolder: async () => void imported++ }));
    await tooBig.c.check();
    await tooBig.c.importFolder(FILES, 'USB');
    expect(imported).toBe(0);
    expect(tooBig.c.state).toEqual({ phase: 'error', message: 'Too big.' });

    const bare = controller(backend());
    await bare.c.check();
    await bare.c.importFolder(FILES, 'USB');
    expect(bare.c.state).toEqual({ phase: 'error', message: 'This build cannot import models from a folder.' });
    await expect(bare.c.exportFolder({} as WritableDirectory, () => {})).rejects.toThrow('cannot export');
  });

  it('exports through the backend with the chosen model and hands back the paths', async () => {
    const { c } = controller(backend({ exportFolder: async (id, dir) => [`${dir.name}:${id}/tokenizer.json`] }));
    expect(await c.exportFolder({ name: 'USB' } as WritableDirectory, () => {})).toEqual(['USB:r1ci/tokenizer.json']);
  });
});
