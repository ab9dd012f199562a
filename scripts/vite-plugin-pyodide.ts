import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { rolldown } from 'rolldown';
import type { Plugin } from 'vite';

/**
 * Makes Pyodide's runtime files available to the Python worker without bundling them:
 * - build: copies them into `<outDir>/pyodide/` as assets of the bundle (so a service-worker precache
 *   built from the bundle sees them too);
 * - dev: answers `…/pyodide/<file>` under any folder, since the worker loads them relative to its own
 *   URL (built: `assets/…` -> `../pyodide/`; dev: `/workers/python/worker.ts` -> `/workers/pyodide/`).
 * Usage in vite.config.ts: `plugins: [pyodidePlugin()]`.
 */
export const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

const CONTENT_TYPES: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json',
};

/**
 * `import source from 'virtual:r1ci-python-sandbox-worker'`: the sandbox worker
 * (workers/python/sandbox-worker.ts) bundled into one classic script, as a string. The sandbox frame
 * has an opaque origin and no network, so it cannot load a worker by URL: the app hands it this text.
 * Bundled the same way in dev and build (Vite's own `?worker&inline` is not inlined in dev).
 */
const SANDBOX_WORKER_ID = 'virtual:r1ci-python-sandbox-worker';
const SANDBOX_WORKER_ENTRY = 'workers/python/sandbox-worker.ts';

async function bundleSandboxWorker(root: string): Promise<{ code: string; files: string[] }> {
  const bundle = await rolldown({ input: join(root, SANDBOX_WORKER_ENTRY), cwd: root, platform: 'browser', logLevel: 'silent' });
  try {
    const { output } = await bundle.generate({ format: 'iife', codeSplitting: false });
    return { code: output[0].code, files: await bundle.watchFiles };
  } finally {
    await bundle.close();
  }
}

export interface PyodidePluginOptions {
  /** Folder inside the build output. Default "pyodide" (the worker expects it at the site root). */
  folder?: string;
}

export function pyodidePlugin(options: PyodidePluginOptions = {}): Plugin {
  const folder = options.folder ?? 'pyodide';
  let sourceDir = '';
  let root = '';
  return {
    name: 'r1ci-pyodide',
    // Pyodide is loaded from the copied files, never pre-bundled. comlink is pre-bundled up front: a
    // page reached only through a worker would otherwise make Vite discover it mid-test and reload.
    config: () => ({ optimizeDeps: { exclude: ['pyodide'], include: ['comlink'] } }),
    configResolved(config) {
      const require = createRequire(join(config.root, 'package.json'));
      sourceDir = dirname(require.resolve('pyodide/package.json'));
      root = config.root;
    },
    resolveId(id) {
      return id === SANDBOX_WORKER_ID ? `\0${SANDBOX_WORKER_ID}` : undefined;
    },
    async load(id) {
      if (id !== `\0${SANDBOX_WORKER_ID}`) return undefined;
      const { code, files } = await bundleSandboxWorker(root);
      for (const file of files) this.addWatchFile(file);
      return `export default ${JSON.stringify(code)};`;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = /\/pyodide\/([^/?#]+)(?:[?#].*)?$/.exec(req.url ?? '');
        if (!match || !PYODIDE_FILES.includes(match[1])) return next();
        const file = join(sourceDir, match[1]);
        // The dev server's own headers (COOP/COEP in the isolated harness) apply to these files too.
        for (const [name, value] of Object.entries(server.config.server.headers ?? {})) {
          if (value !== undefined) res.setHeader(name, value as string);
        }
        res.setHeader('content-type', CONTENT_TYPES[match[1].slice(match[1].lastIndexOf('.'))] ?? 'application/octet-stream');
        res.setHeader('content-length', statSync(file).size);
        res.setHeader('cache-control', 'no-cache');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const name of PYODIDE_FILES) {
        this.emitFile({ type: 'asset', fileName: `${folder}/${name}`, source: readFileSync(join(sourceDir, name)) });
      }
    },
  };
}
