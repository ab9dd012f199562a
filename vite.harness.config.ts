import { defineConfig, mergeConfig, type PluginOption } from 'vite';
import { pyodidePlugin } from './scripts/vite-plugin-pyodide';
import appConfig from './vite.config';

/**
 * Dev server for module-level browser tests (pages in tests/harness/). With HARNESS_ISOLATED=1 every
 * response carries COOP/COEP, so pages are cross-origin isolated and SharedArrayBuffer exists.
 */
const isolated = process.env.HARNESS_ISOLATED === '1';

/** The Python worker's harness pages need Pyodide's files; added here unless the app config has the plugin. */
const hasPyodidePlugin = (appConfig.plugins ?? [])
  .flat(Infinity as 1)
  .some((plugin: PluginOption) => Boolean(plugin && typeof plugin === 'object' && 'name' in plugin && plugin.name === 'r1ci-pyodide'));

export default mergeConfig(appConfig, defineConfig({
  plugins: hasPyodidePlugin ? [] : [pyodidePlugin()],
  // Only a worker imports web-llm, which Vite's start-up scan does not follow: pre-bundle it, or its
  // discovery mid-test makes Vite reload every open page.
  optimizeDeps: { include: ['@mlc-ai/web-llm'] },
  server: {
    host: '127.0.0.1',
    headers: isolated ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {},
    fs: { allow: ['.'] },
  },
}));
