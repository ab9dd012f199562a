/**
 * The download pipeline in Node against an in-memory Cache API and the fixture model folder read from
 * disk through BlobSource (the source a folder import uses). The browser tests repeat the key cases
 * over real HTTP and the real Cache API.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadModel } from '../../../src/models-cache/downloader';
import { deleteModel, inspectModel } from '../../../src/models-cache/inspect';
import { cachedModelFiles } from '../../../src/models-cache/export';
import type { ModelFile, ModelLocation } from '../../../src/models-cache/plan';
import type { DownloadProgress } from '../../../src/models-cache/progress';
import { BlobSource, type FileSource } from '../../../src/models-cache/sources';
import { FakeCaches } from './fake-caches';

const FIXTURES = join(__dirname, '../../fixtures/models');
const LIB = 'tiny-qwen-q4f32_1-webgpu.wasm';

function model(folder = 'tiny-qwen-q4f32_1-MLC', id = folder): ModelLocation {
  return { id, weightsUrl: `https://school.example/models/${folder}/`, modelLibUrl: `https://school.example/libs/${LIB}` };
}

/** A BlobSource over a fixture folder that records which files were opened. */
function folderSource(folder: string, edit?: (files: Map<string, Blob>) => void): FileSource & { opened: string[] } {
  const files = new Map<string, Blob>();
  for (const name of readdirSync(join(FIXTURES, folder))) files.set(name, new Blob([readFileSync(join(FIXTURES, folder, name))]));
  files.set(LIB, new Blob([readFileSync(join(FIXTURES, 'libs', LIB))]));
  edit?.(files);
  const inner = new BlobSource(folder, folder, files);
  const opened: string[] = [];
  return { label: folder, opened, open: (file: ModelFile, signal: AbortSignal) => { opened.push(file.name); return inner.open(file, signal); } };
}

let fake: FakeCaches;
const original = (globalThis as { caches?: unknown }).caches;
beforeEach(() => { fake = new FakeCaches(); fake.install(); });
afterEach(() => { (globalThis as { caches?: unknown }).caches = original; });

const SHARDS = Array.from({ length: 6 }, (_, i) => `params_shard_${i}.bin`);
const ALL = ['mlc-chat-config.json', 'tensor-cache.json', 'tokenizer.json', ...SHARDS, LIB];

describe('downloadModel', () => {
  it('stores every file under web-llm\'s keys and reports progress up to 100%', async () => {
    const events: DownloadProgress[] = [];
    const source = folderSource('tiny-qwen-q4f32_1-MLC');
    const summary = await downloadModel(model(), { source, onProgress: (p) => events.push(p), availableStorage: async () => 1e9 });
    expect(summary).toMatchObject({ filesFetched: 10, filesSkipped: 0 });
    expect(fake.allKeys()).toEqual([
      ...['mlc-chat-config.json'].map((n) => `webllm/config https://school.example/models/tiny-qwen-q4f32_1-MLC/resolve/main/${n}`),
      ...[...SHARDS, 'tensor-cache.json', 'tokenizer.json'].map((n) => `webllm/model https://school.example/models/tiny-qwen-q4f32_1-MLC/resolve/main/${n}`),
      `webllm/wasm https://school.example/libs/${LIB}`,
    ].sort());
    const last = events[events.length - 1];
    expect(last).toMatchObject({ phase: 'done', percent: 100, filesDone: 10, filesTotal: 10 });
    expect(last.bytesDone).toBe(last.bytesTotal);
    expect(last.bytesTotal).toBeGreaterThan(6 * 32 * 1024);
    const downloading = events.filter((e) => e.phase === 'downloading').map((e) => e.bytesDone);
    expect(downloading).toEqual([...downloading].sort((a, b) => a - b));
    expect((await inspectModel(model())).state).toBe('ready');
  });

  it('pauses on abort and resumes without opening finished files again', async () => {
    const first = folderSource('tiny-qwen-q4f32_1-MLC');
    const pause = new AbortController();
    const run = downloadModel(model(), {
      source: first, signal: pause.signal, concurrency: 1, availableStorage: async () => 1e9,
      onProgress: (p) => { if (p.filesDone >= 5) pause.abort(); },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const partial = await inspectModel(model());
    expect(partial.state).toBe('partial');
    const cachedBefore = ALL.filter((n) => !partial.missing.includes(n));
    expect(cachedBefore.length).toBeGreaterThanOrEqual(5);

    const second = folderSource('tiny-qwen-q4f32_1-MLC');
    const summary = await downloadModel(model(), { source: second, availableStorage: async () => 1e9 });
    expect(second.opened.sort()).toEqual([...partial.missing].sort());
    expect(summary.filesSkipped).toBe(cachedBefore.length);
    expect((await inspectModel(model())).state).toBe('ready');
  });

  it('ends with AbortError whatever reason the caller aborts with, even before it starts', async () => {
    const early = new AbortController();
    early.abort('user closed the dialog');
    await expect(downloadModel(model(), { source: folderSource('tiny-qwen-q4f32_1-MLC'), signal: early.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const late = new AbortController();
    const run = downloadModel(model(), {
      source: folderSource('tiny-qwen-q4f32_1-MLC'), signal: late.signal, availableStorage: async () => 1e9,
      onProgress: (p) => { if (p.filesDone >= 3) late.abort(new Error('custom reason')); },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects a shard shorter than its manifest record and does not cache it', async () => {
    const m = model('tiny-truncated-q4f32_1-MLC');
    const run = downloadModel(m, { source: folderSource('tiny-truncated-q4f32_1-MLC'), availableStorage: async () => 1e9 });
    await expect(run).rejects.toMatchObject({ name: 'TruncatedFileError', message: expect.stringMatching(/params_shard_1.bin has 3000 bytes but .* says 4096/) });
    expect((await inspectModel(m)).missing).toContain('params_shard_1.bin');
    expect(fake.allKeys().filter((k) => k.endsWith('params_shard_1.bin'))).toEqual([]);
  });

  it('names the missing file', async () => {
    const m = model('tiny-missing-q4f32_1-MLC');
    await expect(downloadModel(m, { source: folderSource('tiny-missing-q4f32_1-MLC'), availableStorage: async () => 1e9 }))
      .rejects.toMatchObject({ name: 'ModelFileNotFoundError', message: expect.stringContaining('params_shard_1.bin') });
  });

  it('checks the quota before fetching any shard', async () => {
    const source = folderSource('tiny-qwen-q4f32_1-MLC');
    await expect(downloadModel(model(), { source, availableStorage: async () => 100_000 }))
      .rejects.toMatchObject({ name: 'StorageQuotaError', message: expect.stringMatching(/needs about \d+ MB more storage/) });
    expect(source.opened).toEqual(['mlc-chat-config.json', 'tensor-cache.json']);
  });

  it('turns QuotaExceededError from cache.put into StorageQuotaError', async () => {
    const open = fake.open.bind(fake);
    fake.open = async (scope: string) => ({ ...(await open(scope)), put: async () => { throw new DOMException('full', 'QuotaExceededError'); } });
    await expect(downloadModel(model(), { source: folderSource('tiny-qwen-q4f32_1-MLC'), availableStorage: async () => undefined }))
      .rejects.toMatchObject({ name: 'StorageQuotaError' });
  });

  it('refuses a folder whose config is not JSON', async () => {
    const source = folderSource('tiny-qwen-q4f32_1-MLC', (files) => files.set('mlc-chat-config.json', new Blob(['<html>'])));
    await expect(downloadModel(model(), { source })).rejects.toMatchObject({ name: 'InvalidModelFolderError' });
  });
});

describe('inspectModel and deleteModel', () => {
  it('reports absent, then ready with the bytes used, then absent after delete', async () => {
    expect(await inspectModel(model())).toMatchObject({ state: 'absent', bytesCached: 0 });
    await downloadModel(model(), { source: folderSource('tiny-qwen-q4f32_1-MLC'), availableStorage: async () => 1e9 });
    const ready = await inspectModel(model());
    expect(ready).toMatchObject({ state: 'ready', filesCached: 10, filesTotal: 10, missing: [] });
    expect(ready.bytesCached).toBe(ready.bytesTotal);
    expect(await deleteModel(model())).toBe(10);
    expect(fake.allKeys()).toEqual([]);
    expect(await inspectModel(model())).toMatchObject({ state: 'absent', bytesCached: 0 });
  });

  it('counts a shard of the wrong size as missing', async () => {
    await downloadModel(model(), { source: folderSource('tiny-qwen-q4f32_1-MLC'), availableStorage: async () => 1e9 });
    const [key] = fake.allKeys().filter((k) => k.endsWith('params_shard_2.bin')).map((k) => k.split(' ')[1]);
    await (await fake.open('webllm/model')).put(key, new Response('short'));
    expect(await inspectModel(model())).toMatchObject({ state: 'partial', missing: ['params_shard_2.bin'] });
  });

  it('keeps a model library another cached model still uses', async () => {
    const a = model('tiny-qwen-q4f32_1-MLC', 'a');
    const b = { ...model('tiny-qwen-q4f32_1-MLC', 'b'), weightsUrl: 'https://mirror.example/tiny-qwen-q4f32_1-MLC/' };
    await downloadModel(a, { source: folderSource('tiny-qwen-q4f32_1-MLC'), availableStorage: async () => 1e9 });
    await downloadModel(b, { source: folderSource('tiny-qwen-q4f32_1-MLC'), availableStorage: async () => 1e9 });
    await deleteModel(a, [a, b]);
    expect(fake.allKeys().filter((k) => k.startsWith('webllm/wasm'))).toHaveLength(1);
    expect((await inspectModel(b)).state).toBe('ready');
    await deleteModel(b, [a, b]);
    expect(fake.allKeys()).toEqual([]);
  });

  it('sees leftovers of a download interrupted before the manifest was stored as partial', async () => {
    await (await fake.open('webllm/model')).put('https://school.example/models/tiny-qwen-q4f32_1-MLC/resolve/main/tokenizer.json', new Response('{}'));
    expect(await inspectModel(model())).toMatchObject({ state: 'partial', filesCached: 1 });
  });
});

describe('import from a folder (the same pipeline)', () => {
  it('keys picked files by their path inside the chosen folder and imports them', async () => {
    const { filesByFolderPath } = await import('../../../src/models-cache/sources');
    const dir = join(FIXTURES, 'tiny-qwen-q4f32_1-MLC');
    const picked = [...readdirSync(dir).map((name) => Object.assign(new File([readFileSync(join(dir, name))], name), { webkitRelativePath: `USB-model/${name}` })),
      new File([readFileSync(join(FIXTURES, 'libs', LIB))], LIB)];
    const files = filesByFolderPath(picked);
    expect([...files.keys()].sort()).toEqual([...ALL].sort());
    await downloadModel(model(), { source: new BlobSource('USB-model', 'tiny', files), availableStorage: async () => 1e9 });
    expect((await inspectModel(model())).state).toBe('ready');
  });
});

describe('export to a folder', () => {
  it('reads a ready model back as its folder files, which import again elsewhere', async () => {
    await downloadModel(model(), { source: folderSource('tiny-qwen-q4f32_1-MLC'), availableStorage: async () => 1e9 });
    const exported = await cachedModelFiles(model());
    expect(exported.map((f) => f.name).sort()).toEqual([...ALL].sort());
    const shard = exported.find((f) => f.name === 'params_shard_3.bin')!;
    expect(new Uint8Array(await shard.blob.arrayBuffer())).toEqual(new Uint8Array(readFileSync(join(FIXTURES, 'tiny-qwen-q4f32_1-MLC', 'params_shard_3.bin'))));
    const copy = { ...model(), id: 'copy', weightsUrl: 'https://other.example/copy/' };
    await downloadModel(copy, { source: new BlobSource('export', 'copy', new Map(exported.map((f) => [f.name, f.blob]))), availableStorage: async () => 1e9 });
    expect((await inspectModel(copy)).state).toBe('ready');
  });

  it('refuses to export a model that is not fully downloaded', async () => {
    await expect(cachedModelFiles(model())).rejects.toMatchObject({ name: 'InvalidModelFolderError', message: expect.stringMatching(/not fully downloaded/) });
  });
});
