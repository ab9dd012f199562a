/**
 * Helpers for the PWA's browser tests: static servers of our own (sub-path, no special headers) on the
 * PWA's ports, builds with a version marker, and waiting for the service worker to take over.
 */
import { expect, type Page } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

/** Screenshots of the PWA prompts, to be looked at. */
export const PWA_SCREEN_DIR = '/tmp/screens-pwa';

/** Ports for servers started by the tests themselves (the app project's server is E2E_PORT). */
export const PWA_PORTS = { subPath: 5783, update: 5786, python: 5787, nginx: 5788 } as const;

export async function pwaScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(PWA_SCREEN_DIR, { recursive: true });
  await page.screenshot({ path: `${PWA_SCREEN_DIR}/${name}.png` });
}

export interface StaticServer {
  /** Where the app is: `http://127.0.0.1:<port><base>`. */
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` at `base` with scripts/serve-static.mjs: no COOP/COEP, like GitHub Pages or a USB copy. */
export async function serveStatic(dir: string, port: number, base = '/', extra: string[] = []): Promise<StaticServer> {
  const child = spawn('node', ['scripts/serve-static.mjs', '--dir', dir, '--port', String(port), '--base', base, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`serve-static exited with ${code}`)));
    child.stdout!.once('data', () => resolve());
  });
  return { url: `http://127.0.0.1:${port}${base}`, close: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) { resolve(); return; }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The build under test (E2E_DIST, as the app project serves it). */
export function testedDist(): string {
  return process.env.E2E_DIST ?? 'dist';
}

/** Builds the app from the current sources into `outDir` with `PWA_VERSION=version`. */
export function buildWithVersion(outDir: string, version: string): void {
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    stdio: 'inherit', timeout: 300_000, env: { ...process.env, PWA_VERSION: version },
  });
}

/** Replaces the served folder's content, as a deploy does. */
export function deploy(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}

/**
 * Waits until a service worker controls the page and the page reports isolation. On a first visit this
 * spans the one automatic reload the app does to gain isolation.
 */
export async function waitForIsolatedControl(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller) && crossOriginIsolated === true, null, { timeout: 60_000 });
  await expect.poll(() => page.evaluate(() => (window as unknown as PwaWindow).r1ciPwa?.pwaState().isolation.mode)).toBe('isolated');
}

/** Waits until a service worker controls the page (whatever the isolation). */
export async function waitForControl(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), null, { timeout: 60_000 });
}

/** The diagnostics handle src/pwa/boot.ts puts on window. */
export interface PwaWindow {
  r1ciPwa: {
    pwaState(): { isolation: { mode: string; reason: string; message: string }; version: string; updateReady: boolean; serviceWorker: string; online: boolean };
    isolationMode(): string;
    setBusyProbe(fn: () => boolean): void;
    notifyIdle(): void;
    checkForUpdate(): Promise<void>;
  };
}

/** The app's header has rendered (the first render of the shell). */
export async function expectShellRendered(page: Page): Promise<void> {
  await expect(page.locator('r1ci-app').locator('header h1')).toContainText('R1-Code-Interpreter');
}
