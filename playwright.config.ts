import { defineConfig } from '@playwright/test';

/**
 * Browser tests run in Debian's Chromium (Playwright cannot download its own here).
 * - project "app": the built app (dist/) served by a plain static server with no special headers.
 *   E2E_DIST / E2E_PORT let several builds be tested side by side.
 * - projects "harness" and "harness-isolated": module-level browser tests. Vite's dev server serves
 *   pages under tests/harness/ straight from source; the second one adds COOP/COEP so the page is
 *   cross-origin isolated (SharedArrayBuffer available), the first does not.
 */
const appPort = Number(process.env.E2E_PORT ?? 4173);
const harnessPort = Number(process.env.HARNESS_PORT ?? 4174);
const isolatedPort = Number(process.env.HARNESS_COI_PORT ?? 4175);
const dist = process.env.E2E_DIST ?? 'dist';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export default defineConfig({
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'app', testDir: 'tests/e2e/app', use: { baseURL: `http://127.0.0.1:${appPort}/` } },
    { name: 'harness', testDir: 'tests/e2e/harness', use: { baseURL: `http://127.0.0.1:${harnessPort}/` } },
    { name: 'harness-isolated', testDir: 'tests/e2e/harness', use: { baseURL: `http://127.0.0.1:${isolatedPort}/` } },
  ],
  webServer: [
    {
      command: `node scripts/serve-static.mjs --dir ${dist} --port ${appPort} --mount /fixtures=tests/fixtures`,
      url: `http://127.0.0.1:${appPort}/`,
    },
    {
      command: `npx vite --config vite.harness.config.ts --port ${harnessPort} --strictPort`,
      url: `http://127.0.0.1:${harnessPort}/tests/harness/`,
    },
    {
      command: `npx vite --config vite.harness.config.ts --port ${isolatedPort} --strictPort`,
      url: `http://127.0.0.1:${isolatedPort}/tests/harness/`,
      env: { HARNESS_ISOLATED: '1' },
    },
  ],
});
