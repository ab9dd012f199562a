/**
 * The PWA part of the build: `pwaPlugins()` goes into vite.config.ts's `plugins` array.
 *
 * - vite-plugin-pwa with the `injectManifest` strategy: our own service worker (src/pwa/sw/sw.ts) gets the
 *   list of files to precache, filtered by src/pwa/precache-policy.ts (never model weights or wheels).
 * - The web app manifest with `start_url`, `scope` and `id` relative (`./`), so one dist/ works at a
 *   domain root, under a GitHub Pages sub-path and from a USB copy, with no rebuild.
 * - A small companion plugin that stamps the build with a version (`__PWA_VERSION__`, and `version.json`
 *   which also changes the precache list, so every deploy is seen as an update), and adds the PWA boot
 *   script (registration, isolation, prompts: src/pwa/boot.ts) plus theme colour and Apple icon to
 *   index.html, so the app root needs no wiring for them.
 *
 * PWA_VERSION overrides the version (the update-flow test builds twice with two markers).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Plugin, PluginOption } from 'vite';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';
import { MAX_PRECACHE_FILE_BYTES, partitionPrecache } from './src/pwa/precache-policy';

export const THEME_COLOR = '#1f2937';

export const MANIFEST: Partial<ManifestOptions> = {
  name: 'R1-Code-Interpreter in your browser',
  short_name: 'R1-CI',
  description: 'Ask a question; R1-Code-Interpreter-3B reasons, writes Python, runs it and answers, all on your own machine, offline once installed.',
  id: './',
  start_url: './',
  scope: './',
  display: 'standalone',
  orientation: 'any',
  lang: 'en',
  categories: ['education', 'developer', 'productivity'],
  theme_color: THEME_COLOR,
  background_color: THEME_COLOR,
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};

/** The plugins to spread into Vite's `plugins`. */
export function pwaPlugins(): PluginOption[] {
  const version = buildVersion();
  return [
    pwaCompanion(version),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/pwa/sw',
      filename: 'sw.ts',
      // Registration is ours (src/pwa/register.ts): relative URL, update prompt, isolation reload.
      injectRegister: false,
      manifest: MANIFEST,
      // The glob below already takes every PNG (and the plugin adds the manifest itself).
      includeManifestIcons: false,
      injectManifest: {
        // A classic (non-module) worker: module service workers are still missing in some browsers.
        rollupFormat: 'iife',
        globPatterns: ['**/*.{html,js,mjs,css,wasm,zip,json,png,svg,ico,woff2}'],
        globIgnores: ['**/*.map', 'sw.js'],
        maximumFileSizeToCacheInBytes: MAX_PRECACHE_FILE_BYTES,
        manifestTransforms: [
          async (entries) => {
            const { kept, excluded } = partitionPrecache(entries);
            const warnings = excluded
              .filter((e) => e.reason === 'large-demo' || e.reason === 'too-large')
              .map((e) => `${e.file.url} (${e.file.size} bytes) is not precached: ${e.reason}`);
            return { manifest: kept, warnings };
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ];
}

/** Version stamp and index.html additions (see the file comment). */
function pwaCompanion(version: string): Plugin {
  return {
    name: 'r1ci-pwa-companion',
    config: () => ({ define: { __PWA_VERSION__: JSON.stringify(version) } }),
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'version.json', source: JSON.stringify({ version }) + '\n' });
    },
    transformIndexHtml: {
      order: 'pre',
      // Only what index.html does not already say (it is another engineer's file).
      handler: (html) => [
        ...(html.includes('name="theme-color"') ? [] : [{ tag: 'meta', attrs: { name: 'theme-color', content: THEME_COLOR }, injectTo: 'head' as const }]),
        ...(html.includes('apple-touch-icon') ? [] : [{ tag: 'link', attrs: { rel: 'apple-touch-icon', href: './icons/apple-touch-icon-180.png' }, injectTo: 'head' as const }]),
        { tag: 'script', attrs: { type: 'module', src: '/src/pwa/boot.ts' }, injectTo: 'head' as const },
      ],
    },
  };
}

/** PWA_VERSION, else package version + commit, else the package version alone. */
function buildVersion(): string {
  if (process.env.PWA_VERSION) return process.env.PWA_VERSION;
  const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${pkg.version}+${commit}`;
  } catch {
    return pkg.version;
  }
}
