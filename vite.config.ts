import { defineConfig } from 'vite';
import { pwaPlugins } from './pwa.config';

// base './': every URL in the build is relative, so dist/ works at a domain root, under any sub-path
// and from a USB copy, with no rebuild per host.
export default defineConfig({
  base: './',
  plugins: [...pwaPlugins()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
