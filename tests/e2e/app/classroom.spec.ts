import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../../../playwright.config';
import { waitForIsolatedControl } from './pwa-helpers';

/**
 * Classroom (issue 4 point 6): a model folder on a USB stick imported into the browser's caches with the
 * download's progress and checks, then used offline; a wrong folder named with what it lacks; a cached
 * model exported to a folder. The page is the plain app with no ?weights=: its `models/` folder is empty
 * (weights-missing), as on a fresh deploy, so every byte of the model comes from the picked folder.
 */
test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] } });

const MODEL = 'R1-Code-Interpreter-3B-q4f32_1-MLC';
const LIBRARY = 'Qwen2.5-3B-Instruct-q4f32_1_cs1k-webgpu.wasm';
const FIXTURES = 'tests/fixtures/models';
const SCREENS = '/tmp/screens-class';
/** Big enough that the import takes a visible moment (its progress is asserted), small enough for /tmp. */
const SHARDS = 12;
const SHARD_BYTES = 16 * 1024 * 1024;

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/${name}.png` });
}

/**
 * A model folder as a teacher copies it: the fixture's config and tokenizer, a manifest for SHARDS
 * shards, the shards, and the model library (named as the catalog's URL names it; a stand-in, not wasm).
 */
function usbFolder(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'r1ci-usb-')), MODEL);
  mkdirSync(dir);
  for (const name of ['mlc-chat-config.json', 'tokenizer.json']) copyFileSync(join(FIXTURES, 'r1ci', MODEL, name), join(dir, name));
  copyFileSync(join(FIXTURES, 'libs', LIBRARY), join(dir, LIBRARY));
  const records = Array.from({ length: SHARDS }, (_, i) => ({ dataPath: `params_shard_${i}.bin`, format: 'raw-shard', nbytes: SHARD_BYTES, records: [] }));
  writeFileSync(join(dir, 'tensor-cache.json'), JSON.stringify({ metadata: { ParamSize: 0, ParamBytes: SHARDS * SHARD_BYTES, BitsPerParam: 4.5 }, records }));
  const shard = Buffer.alloc(SHARD_BYTES, 7);
  for (const r of records) writeFileSync(join(dir, r.dataPath), shard);
  return dir;
}

test('a fixture model imported from a folder and then used offline', async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.goto('./');
  await waitForIsolatedControl(page);
  const missing = page.getByTestId('weights-missing');
  await expect(missing).toContainText("weights are not on this site");
  const input = missing.getByTestId('model-folder-input');

  // A folder copied in part: named with what it lacks, before anything is stored.
  await input.setInputFiles(join(FIXTURES, 'tiny-missing-q4f32_1-MLC'));
  const error = page.getByTestId('model-error');
  await expect(error).toContainText(`The folder "tiny-missing-q4f32_1-MLC" does not hold all of ${MODEL}: missing params_shard_1.bin.`);
  await shot(page, '01-import-missing-shard');
  await error.getByRole('button', { name: 'Try again' }).click();
  // The folder above the model folder: says which one to pick.
  await missing.getByTestId('model-folder-input').setInputFiles(join(FIXTURES, 'r1ci'));
  await expect(error).toContainText(`It holds a model folder "${MODEL}": choose that folder itself.`);
  await shot(page, '02-import-wrong-folder');
  await error.getByRole('button', { name: 'Try again' }).click();

  // The right folder: the download's progress (bytes and percent), then downloaded.
  const folder = usbFolder();
  const started = Date.now();
  await missing.getByTestId('model-folder-input').setInputFiles(folder);
  const importing = page.getByTestId('downloading');
  await expect(importing).toContainText(`Importing R1-Code-Interpreter-3B (q4f32_1) from the folder "${MODEL}"`);
  await expect(importing).toContainText(/MB of 192 MB \(\d+%\)/);
  await shot(page, '03-import-progress');
  const cached = page.getByTestId('cached');
  await expect(cached).toContainText('is downloaded', { timeout: 120_000 });
  // A figure, not a check: how fast a folder goes into the Cache API here (SwiftShader machine, /tmp disk).
  const seconds = (Date.now() - started) / 1000;
  console.log(`import of ${SHARDS * SHARD_BYTES / 2 ** 20} MB from a folder: ${seconds.toFixed(1)} s (${(SHARDS * SHARD_BYTES / 2 ** 20 / seconds).toFixed(0)} MB/s, progress screenshot included)`);
  await shot(page, '04-imported');

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(cached).toContainText('is downloaded');
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    // Loading reads everything from the caches and gets as far as starting the model library, which
    // fails because the stand-in is not WebAssembly: the app's words, never a network error.
    await cached.getByRole('button', { name: 'Load now' }).click();
    await expect(error).toContainText(/model library .* could not be started/, { timeout: 90_000 });
    await expect(error).not.toContainText(/network|offline|fetch/i);
    await shot(page, '05-offline-load-reaches-library');
  } finally {
    await context.setOffline(false);
  }
});

test('a downloaded model exported to a folder: every file written as <model id>/<file>', async ({ page }) => {
  test.setTimeout(180_000);
  // Headless Chromium has showDirectoryPicker but no one to answer its dialog: the picker hands back a
  // folder of the origin-private file system instead, so the real File System Access writes run.
  await page.addInitScript(() => {
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle('USB stick', { create: true });
  });
  await page.goto('./');
  await waitForIsolatedControl(page);
  await page.getByTestId('weights-missing').getByTestId('model-folder-input').setInputFiles(join(FIXTURES, 'r1ci', MODEL));
  // The fixture folder lacks the library: online, it is fetched from its URL, which is unreachable here.
  await expect(page.getByTestId('model-error')).toContainText(`The model library ${LIBRARY} is not in the folder "${MODEL}", and it could not be fetched`);
  await page.getByTestId('model-error').getByRole('button', { name: 'Try again' }).click();
  // What it had was stored (as a download keeps finished files), so it now shows as partly downloaded;
  // the same folder with the library added completes it.
  const withLibrary = join(mkdtempSync(join(tmpdir(), 'r1ci-usb-')), MODEL);
  cpSync(join(FIXTURES, 'r1ci', MODEL), withLibrary, { recursive: true });
  copyFileSync(join(FIXTURES, 'libs', LIBRARY), join(withLibrary, LIBRARY));
  await page.getByTestId('not-downloaded').getByTestId('model-folder-input').setInputFiles(withLibrary);
  const cached = page.getByTestId('cached');
  await expect(cached).toContainText('is downloaded', { timeout: 120_000 });

  await cached.getByRole('button', { name: 'Export to a folder…' }).click();
  await expect(cached.getByTestId('export-done')).toContainText(`Wrote ${6 + 4} files to USB stick/${MODEL}.`, { timeout: 120_000 });
  await shot(page, '06-exported');
  const written = await page.evaluate(async (model) => {
    const dir = await (await (await navigator.storage.getDirectory()).getDirectoryHandle('USB stick')).getDirectoryHandle(model);
    const out: Record<string, number> = {};
    for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemFileHandle]> }).entries()) out[name] = (await handle.getFile()).size;
    return out;
  }, MODEL);
  const expected: Record<string, number> = {
    'mlc-chat-config.json': readFileSync(join(FIXTURES, 'r1ci', MODEL, 'mlc-chat-config.json')).length,
    'tokenizer.json': readFileSync(join(FIXTURES, 'r1ci', MODEL, 'tokenizer.json')).length,
    [LIBRARY]: readFileSync(join(FIXTURES, 'libs', LIBRARY)).length,
  };
  for (const name of ['tensor-cache.json', ...Array.from({ length: 6 }, (_, i) => `params_shard_${i}.bin`)]) expected[name] = readFileSync(join(FIXTURES, 'r1ci', MODEL, name)).length;
  expect(written).toEqual(expected);
});
