/**
 * The build the dist/ tests read: PWA_DIST when set, else ./dist when it holds a build, else a fresh
 * `vite build` into a temporary folder (so the suite also works before `npm run build`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

let cached: string | undefined;

export function distFolder(): string {
  if (cached) return cached;
  if (process.env.PWA_DIST) return (cached = process.env.PWA_DIST);
  if (existsSync('dist/sw.js') && existsSync('dist/index.html')) return (cached = 'dist');
  const out = mkdtempSync(join(tmpdir(), 'r1ci-pwa-dist-'));
  execFileSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'inherit', timeout: 300_000 });
  return (cached = out);
}

/** Every file of the build, relative with forward slashes. */
export function distFiles(dist: string): { url: string; size: number }[] {
  const files: { url: string; size: number }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else files.push({ url: relative(dist, path).split('\\').join('/'), size: stat.size });
    }
  };
  walk(dist);
  return files;
}

/** The precache list Workbox injected into sw.js. */
export function precacheList(dist: string): { url: string; revision: string | null }[] {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const entries = [...sw.matchAll(/\{"revision":(null|"[0-9a-f]+"),"url":"([^"]+)"\}/g)];
  return entries.map((m) => ({ url: m[2], revision: m[1] === 'null' ? null : JSON.parse(m[1]) }));
}
