import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_PRECACHE_FILE_BYTES, precacheExclusion } from '../../../src/pwa/precache-policy';
import { distFiles, distFolder, precacheList } from './dist-build';

let dist: string;
let precached: Set<string>;
let files: { url: string; size: number }[];

beforeAll(() => {
  dist = distFolder();
  files = distFiles(dist);
  precached = new Set(precacheList(dist).map((e) => e.url));
}, 300_000);

function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('web app manifest in the build', () => {
  it('is linked from index.html by a relative URL', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(html).toMatch(/<link rel="manifest" href="\.\/manifest\.webmanifest"/);
    expect(html).toMatch(/<meta name="theme-color"/);
  });

  it('has the install fields, with start URL and scope relative so any sub-path works', () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.webmanifest'), 'utf8'));
    expect(manifest).toMatchObject({ start_url: './', scope: './', id: './', display: 'standalone', short_name: 'R1-CI' });
    expect(manifest.name).toMatch(/R1-Code-Interpreter/);
    expect(manifest.description.length).toBeGreaterThan(20);
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('lists 192 and 512 icons and a maskable one, each a PNG of the stated size in the build', () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.webmanifest'), 'utf8'));
    const icons = manifest.icons as { src: string; sizes: string; purpose: string; type: string }[];
    expect(icons.some((i) => i.sizes === '192x192' && i.purpose.includes('any'))).toBe(true);
    expect(icons.some((i) => i.sizes === '512x512' && i.purpose.includes('any'))).toBe(true);
    expect(icons.some((i) => i.sizes === '512x512' && i.purpose.includes('maskable'))).toBe(true);
    for (const icon of icons) {
      expect(icon.src.startsWith('/')).toBe(false);
      expect(icon.type).toBe('image/png');
      const [w, h] = pngSize(join(dist, icon.src));
      expect(`${w}x${h}`).toBe(icon.sizes);
    }
  });
});

describe('precache list in sw.js', () => {
  it('is a classic worker script (no module syntax), so every browser with service workers runs it', () => {
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    expect(sw).not.toMatch(/^\s*import\s|\bexport\s*\{/m);
  });

  it('holds the app shell: index.html, the manifest, every script chunk and worker, the icons', () => {
    for (const url of ['index.html', 'manifest.webmanifest', 'version.json', 'icons/icon-192.png', 'icons/icon-512.png', 'icons/maskable-512.png']) {
      expect(precached, url).toContain(url);
    }
    const scripts = files.filter((f) => /^assets\/.*\.(js|mjs|css)$/.test(f.url));
    expect(scripts.length).toBeGreaterThan(0);
    for (const f of scripts) {
      if (f.size <= MAX_PRECACHE_FILE_BYTES) expect(precached, f.url).toContain(f.url);
    }
  });

  it('holds Pyodide\'s runtime', () => {
    for (const name of ['pyodide.asm.wasm', 'pyodide.asm.mjs', 'python_stdlib.zip', 'pyodide-lock.json']) {
      const inBuild = files.filter((f) => f.url.endsWith('/' + name) || f.url === name);
      expect(inBuild.length, `${name} is not in the build at all`).toBeGreaterThan(0);
      for (const f of inBuild) expect(precached, f.url).toContain(f.url);
    }
  });

  it('never holds model weights, model-folder files, wheels or source maps', () => {
    for (const url of precached) {
      expect(url).not.toMatch(/\.(bin|whl|map)$|params_shard|tensor-cache\.json|ndarray-cache\.json|mlc-chat-config\.json|tokenizer\.json/);
      expect(url.startsWith('models/') && !url.endsWith('.wasm'), url).toBe(false);
    }
  });

  it('holds only files that exist in the build, within the size limit and the policy', () => {
    const byUrl = new Map(files.map((f) => [f.url, f]));
    for (const url of precached) {
      const file = byUrl.get(url);
      expect(file, `${url} is precached but missing from the build`).toBeDefined();
      expect(precacheExclusion(file!), url).toBeUndefined();
    }
  });
});
