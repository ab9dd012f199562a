/**
 * Classroom import and export (issue 4 point 6b/6c) in Node: the folder check names what a wrong folder
 * lacks, the folder source fetches a missing model library or says plainly why it cannot, and the export
 * writes `<model id>/<file>` files that import again through the same check and pipeline. The browser
 * test (tests/e2e/app/classroom.spec.ts) repeats the import through the real picker input.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadModel } from '../../../src/models-cache/downloader';
import { cachedModelFiles } from '../../../src/models-cache/export';
import { exportPaths, writeModelFolder, type WritableDirectory } from '../../../src/models-cache/folder-export';
import { FolderSource, checkModelFolder, dropConflictingPartial } from '../../../src/models-cache/folder-import';
import { inspectModel } from '../../../src/models-cache/inspect';
import type { ModelFile, ModelLocation } from '../../../src/models-cache/plan';
import type { FileSource } from '../../../src/models-cache/sources';
import { FakeCaches } from '../models/fake-caches';

const FIXTURES = join(__dirname, '../../fixtures/models');
const LIB = 'tiny-qwen-q4f32_1-webgpu.wasm';
const model: ModelLocation = { id: 'tiny-qwen-q4f32_1-MLC', weightsUrl: 'https://school.example/models/tiny-qwen-q4f32_1-MLC/', modelLibUrl: `https://school.example/libs/${LIB}` };

function folder(name: string, withLibrary = true): Map<string, Blob> {
  const files = new Map<string, Blob>();
  for (const file of readdirSync(join(FIXTURES, name))) files.set(file, new Blob([readFileSync(join(FIXTURES, name, file))]));
  if (withLibrary) files.set(LIB, new Blob([readFileSync(join(FIXTURES, 'libs', LIB))]));
  return files;
}

/** A source that fails like HttpSource does with no network, and counts what it was asked for. */
function offlineHttp(): FileSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    label: 'network', asked,
    open: async (file: ModelFile) => {
      asked.push(file.name);
      throw Object.assign(new Error(`You are offline, so ${file.name} could not be downloaded.`), { name: 'ModelNetworkError' });
    },
  };
}

let fake: FakeCaches;
const original = (globalThis as { caches?: unknown }).caches;
beforeEach(() => { fake = new FakeCaches(); fake.install(); });
afterEach(() => { (globalThis as { caches?: unknown }).caches = original; });

describe('checkModelFolder', () => {
  it('accepts a whole model folder and says whether it holds the model library', async () => {
    const check = await checkModelFolder(model, folder('tiny-qwen-q4f32_1-MLC'), 'USB');
    expect(check.libraryInFolder).toBe(true);
    expect(check.files.map((f) => f.name)).toContain('params_shard_5.bin');
    expect((await checkModelFolder(model, folder('tiny-qwen-q4f32_1-MLC', false), 'USB')).libraryInFolder).toBe(false);
  });

  it('names every missing shard of a folder copied in part', async () => {
    await expect(checkModelFolder(model, folder('tiny-missing-q4f32_1-MLC'), 'USB')).rejects.toMatchObject({
      name: 'InvalidModelFolderError',
      message: expect.stringMatching(/the folder "USB" does not hold all of tiny-qwen-q4f32_1-MLC: missing params_shard_1\.bin\. Copy the whole model folder again/i),
    });
  });

  it('names a shard whose size differs from the manifest', async () => {
    await expect(checkModelFolder(model, folder('tiny-truncated-q4f32_1-MLC'), 'USB')).rejects.toMatchObject({
      message: expect.stringMatching(/params_shard_1\.bin has \d+ bytes but tensor-cache\.json says 4096/),
    });
  });

  it('says which folder to pick when the one above the model folder was chosen, or when it is not a model at all', async () => {
    const above = new Map([...folder('tiny-qwen-q4f32_1-MLC')].map(([name, blob]) => [`tiny-qwen-q4f32_1-MLC/${name}`, blob]));
    await expect(checkModelFolder(model, above, 'USB')).rejects.toMatchObject({
      message: expect.stringMatching(/has no mlc-chat-config\.json and tensor-cache\.json\. It holds a model folder "tiny-qwen-q4f32_1-MLC": choose that folder itself/),
    });
    await expect(checkModelFolder(model, new Map([['holiday.jpg', new Blob(['x'])]]), 'Photos')).rejects.toMatchObject({
      message: expect.stringMatching(/The folder "Photos" is not tiny-qwen-q4f32_1-MLC's model folder.*Choose the folder named tiny-qwen-q4f32_1-MLC/),
    });
  });
});

describe('FolderSource', () => {
  it('imports through the download pipeline, the library from the folder without asking the network', async () => {
    const http = offlineHttp();
    await downloadModel(model, { source: new FolderSource('the folder "USB"', model, folder('tiny-qwen-q4f32_1-MLC'), http), availableStorage: async () => 1e9 });
    expect(http.asked).toEqual([]);
    expect((await inspectModel(model)).state).toBe('ready');
  });

  it('fetches a library the folder lacks from its URL, and offline says where to put the file', async () => {
    const fetched: string[] = [];
    const online: FileSource = { label: 'net', open: async (file) => { fetched.push(file.url); return { size: 75, body: new Blob([new Uint8Array(75)]).stream() }; } };
    await downloadModel(model, { source: new FolderSource('the folder "USB"', model, folder('tiny-qwen-q4f32_1-MLC', false), online), availableStorage: async () => 1e9 });
    expect(fetched).toEqual([model.modelLibUrl]);

    fake = new FakeCaches();
    fake.install();
    const offline = offlineHttp();
    await expect(downloadModel(model, { source: new FolderSource('the folder "USB"', model, folder('tiny-qwen-q4f32_1-MLC', false), offline), availableStorage: async () => 1e9 }))
      .rejects.toMatchObject({ name: 'InvalidModelFolderError', message: expect.stringMatching(new RegExp(`The model library ${LIB} is not in the folder "USB".*\\(no network\\)\\. Put ${LIB} into the model folder`)) });
    expect((await inspectModel(model)).state).toBe('partial');
  });

  it('drops a partial copy from another conversion (different manifest) before importing, and keeps a matching one', async () => {
    const http = offlineHttp();
    // A partial import of the 6-shard folder: stopped at the library (offline, not in the folder).
    await expect(downloadModel(model, { source: new FolderSource('a', model, folder('tiny-qwen-q4f32_1-MLC', false), http), availableStorage: async () => 1e9 })).rejects.toThrow();
    expect(await dropConflictingPartial(model, folder('tiny-qwen-q4f32_1-MLC'))).toBe(false);
    expect((await inspectModel(model)).state).toBe('partial');
    // The 2-shard folder has another manifest: the partial copy goes, the import then stores only the folder's files.
    expect(await dropConflictingPartial(model, folder('tiny-truncated-q4f32_1-MLC'))).toBe(true);
    expect((await inspectModel(model)).state).toBe('absent');
  });

  it('applies the quota check before storing anything', async () => {
    await expect(downloadModel(model, { source: new FolderSource('the folder "USB"', model, folder('tiny-qwen-q4f32_1-MLC')), availableStorage: async () => 1000 }))
      .rejects.toMatchObject({ name: 'StorageQuotaError' });
    expect(fake.allKeys()).toEqual([]);
  });
});

/** An in-memory directory with the File System Access API's shape. */
class MemoryDirectory implements WritableDirectory {
  readonly files = new Map<string, Uint8Array<ArrayBuffer>>();
  readonly dirs = new Map<string, MemoryDirectory>();
  constructor(readonly name: string) {}
  async getDirectoryHandle(name: string) {
    if (!this.dirs.has(name)) this.dirs.set(name, new MemoryDirectory(name));
    return this.dirs.get(name)!;
  }
  async getFileHandle(name: string) {
    return {
      createWritable: async () => {
        const chunks: Uint8Array[] = [];
        return new WritableStream<Uint8Array>({
          write: (chunk) => void chunks.push(chunk),
          close: () => void this.files.set(name, new Uint8Array(Buffer.concat(chunks))),
        });
      },
    };
  }
  /** Every file below, as "dir/file" paths. */
  walk(prefix = ''): Map<string, Uint8Array<ArrayBuffer>> {
    const out = new Map([...this.files].map(([n, b]) => [prefix + n, b]));
    for (const [n, d] of this.dirs) for (const [p, b] of d.walk(`${prefix}${n}/`)) out.set(p, b);
    return out;
  }
}

describe('export to a folder', () => {
  it('writes <model id>/<file> for every file, library included, and the result imports again', async () => {
    await downloadModel(model, { source: new FolderSource('USB', model, folder('tiny-qwen-q4f32_1-MLC')), availableStorage: async () => 1e9 });
    const files = await cachedModelFiles(model);
    const usb = new MemoryDirectory('USB stick');
    const progress: number[] = [];
    const paths = await writeModelFolder(usb, model.id, files, { onProgress: (p) => progress.push(p.filesDone) });
    const written = usb.walk();
    expect([...written.keys()].sort()).toEqual([...paths].sort());
    expect(paths.sort()).toEqual(['mlc-chat-config.json', 'tensor-cache.json', 'tokenizer.json', LIB, ...Array.from({ length: 6 }, (_, i) => `params_shard_${i}.bin`)].map((n) => `${model.id}/${n}`).sort());
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(written.get(`${model.id}/params_shard_2.bin`)).toEqual(new Uint8Array(readFileSync(join(FIXTURES, 'tiny-qwen-q4f32_1-MLC', 'params_shard_2.bin'))));

    // On another computer: the exported folder, picked as the model folder, imports with no network.
    const picked = new Map([...written].map(([p, bytes]) => [p.slice(model.id.length + 1), new Blob([bytes])]));
    const other: ModelLocation = { ...model, weightsUrl: 'https://other-school.example/models/tiny-qwen-q4f32_1-MLC/' };
    await checkModelFolder(other, picked, model.id);
    await downloadModel(other, { source: new FolderSource('copy', other, picked, offlineHttp()), availableStorage: async () => 1e9 });
    expect((await inspectModel(other)).state).toBe('ready');
  });

  it('writes straight into the chosen folder when it already is the model folder', () => {
    expect(exportPaths(model.id, model.id, [{ name: 'tokenizer.json', blob: new Blob([]) }])).toEqual(['tokenizer.json']);
    expect(exportPaths(model.id, 'USB', [{ name: 'tokenizer.json', blob: new Blob([]) }])).toEqual([`${model.id}/tokenizer.json`]);
  });
});
