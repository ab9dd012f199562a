import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run the built app (dist/) in Debian's Chromium, served by a plain static server with
 * no special headers. E2E_DIST and E2E_PORT let several checkouts or builds be tested side by side.
 */
const port = Number(process.env.E2E_PORT ?? 4173);
const dist = process.env.E2E_DIST ?? 'dist';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node scripts/serve-static.mjs --dir ${dist} --port ${port} --mount /fixtures=tests/fixtures`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
  },
});
