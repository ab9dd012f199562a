import { defineConfig } from 'vite';
import { pwaPlugins } from './pwa.config';
import { pyodidePlugin } from './scripts/vite-plugin-pyodide';

// base './': every URL in the build is relative, so dist/ works at a domain root, under any sub-path
// and from a USB copy, with no rebuild per host.
// Workers are ES modules; web-llm and Pyodide are imported only by worker entries, so they never land
// in the page's own chunk (Pyodide's runtime files are copied beside the build by pyodidePlugin).
export default defineConfig({
  base: './',
  plugins: [pyodidePlugin(), ...pwaPlugins()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
