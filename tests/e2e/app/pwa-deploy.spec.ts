import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectShellRendered, PWA_PORTS, testedDist, waitForIsolatedControl } from './pwa-helpers';

/**
 * The deploys docs/DEPLOY.md describes, each served for real and loaded in Chromium: a USB copy behind
 * `python3 -m http.server`, and a plain nginx folder (with the two MIME types its stock list lacks). The
 * GitHub Pages case (a sub-path, no headers) is tests/e2e/app/pwa-subpath.spec.ts. Each must: install the
 * service worker, be isolated on the second load, run a demo's Python, and reload offline.
 */

async function checkDeploy(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForIsolatedControl(page);
  const tab = await page.context().newPage();
  await tab.goto(url + '?demo=game24');
  await expect(tab.locator('r1ci-code-cell').first().getByLabel('Python output')).toContainText('((1+2)*(2+6))', { timeout: 90_000 });
  await page.context().setOffline(true);
  try {
    await page.reload();
    await expectShellRendered(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  } finally {
    await page.context().setOffline(false);
  }
}

/** A folder holding the app as `r1ci/`, like a USB stick or a web root with several apps. */
function siteWithApp(): string {
  const root = mkdtempSync(join(tmpdir(), 'r1ci-site-'));
  chmodSync(root, 0o755); // readable by nginx's worker user, like a real web root
  cpSync(testedDist(), join(root, 'r1ci'), { recursive: true });
  return root;
}

async function started(child: ChildProcess, url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not yet listening */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no server at ${url}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) { resolve(); return; }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

test('a USB copy served by python3 -m http.server', async ({ page }) => {
  const root = siteWithApp();
  const url = `http://127.0.0.1:${PWA_PORTS.python}/r1ci/`;
  const server = spawn('python3', ['-m', 'http.server', String(PWA_PORTS.python), '--bind', '127.0.0.1', '--directory', root], { stdio: 'ignore' });
  try {
    await started(server, url);
    await checkDeploy(page, url);
  } finally {
    await stop(server);
    rmSync(root, { recursive: true, force: true });
  }
});

test('a plain nginx folder', async ({ page }) => {
  test.skip(!existsSync('/usr/sbin/nginx'), 'nginx is not installed (apt-get install nginx-light)');
  const root = siteWithApp();
  const conf = join(root, 'nginx');
  mkdirSync(join(conf, 'logs'), { recursive: true });
  // The http block of docs/DEPLOY.md, with this test's paths and port.
  writeFileSync(join(conf, 'nginx.conf'), `
worker_processes 1;
daemon off;
error_log ${conf}/logs/error.log;
pid ${conf}/nginx.pid;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  types { text/javascript mjs; application/manifest+json webmanifest; }
  access_log off;
  client_body_temp_path ${conf}/body; proxy_temp_path ${conf}/proxy; fastcgi_temp_path ${conf}/fastcgi; uwsgi_temp_path ${conf}/uwsgi; scgi_temp_path ${conf}/scgi;
  server {
    listen 127.0.0.1:${PWA_PORTS.nginx};
    root ${resolve(root)};
  }
}
`);
  const url = `http://127.0.0.1:${PWA_PORTS.nginx}/r1ci/`;
  const server = spawn('/usr/sbin/nginx', ['-c', join(conf, 'nginx.conf'), '-p', conf + '/'], { stdio: 'ignore' });
  try {
    await started(server, url);
    const mjs = await fetch(url + 'pyodide/pyodide.mjs', { method: 'HEAD' });
    expect(mjs.headers.get('content-type')).toBe('text/javascript');
    await checkDeploy(page, url);
  } finally {
    await stop(server);
    rmSync(root, { recursive: true, force: true });
  }
});
