import { defineConfig, mergeConfig } from 'vite';
import appConfig from './vite.config';

/**
 * Dev server for module-level browser tests (pages in tests/harness/). With HARNESS_ISOLATED=1 every
 * response carries COOP/COEP, so pages are cross-origin isolated and SharedArrayBuffer exists.
 */
const isolated = process.env.HARNESS_ISOLATED === '1';

export default mergeConfig(appConfig, defineConfig({
  server: {
    host: '127.0.0.1',
    headers: isolated ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {},
    fs: { allow: ['.'] },
  },
}));
