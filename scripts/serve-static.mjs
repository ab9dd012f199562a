#!/usr/bin/env node
/**
 * A plain static file server, like the ones the app is deployed on: no special headers unless asked.
 *   node scripts/serve-static.mjs --dir dist [--port 4173] [--base /r1ci/] [--mount /prefix=folder]...
 *        [--header "Name: value"]... [--throttle BYTES_PER_SEC]
 * Used by the end-to-end tests and for checking a deploy by hand. Binds to 127.0.0.1 only.
 */
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon',
  '.zip': 'application/zip', '.whl': 'application/zip', '.txt': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream', '.jsonl': 'application/jsonl',
};

function parseArgs(argv) {
  const opts = { dir: 'dist', port: 4173, base: '/', mounts: [], headers: [], throttle: 0 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--dir') opts.dir = value;
    else if (flag === '--port') opts.port = Number(value);
    else if (flag === '--base') opts.base = value.endsWith('/') ? value : value + '/';
    else if (flag === '--mount') { const [prefix, folder] = value.split('='); opts.mounts.push({ prefix, folder: resolve(folder) }); }
    else if (flag === '--header') { const at = value.indexOf(':'); opts.headers.push([value.slice(0, at).trim(), value.slice(at + 1).trim()]); }
    else if (flag === '--throttle') opts.throttle = Number(value);
    else { console.error(`serve-static: unknown option ${flag}`); process.exit(2); }
    i++;
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const root = resolve(opts.dir);

function locate(pathname) {
  for (const { prefix, folder } of opts.mounts) {
    if (pathname.startsWith(prefix + '/')) return join(folder, normalize(pathname.slice(prefix.length)));
  }
  if (!pathname.startsWith(opts.base)) return null;
  return join(root, normalize('/' + pathname.slice(opts.base.length)));
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let file = locate(decodeURIComponent(url.pathname));
  let stat;
  try {
    stat = file && statSync(file);
    if (stat && stat.isDirectory()) { file = join(file, 'index.html'); stat = statSync(file); }
  } catch { stat = undefined; }
  for (const [name, value] of opts.headers) res.setHeader(name, value);
  if (!stat) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
  const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': stat.size, 'cache-control': 'no-cache' };
  res.writeHead(200, headers);
  if (req.method === 'HEAD') { res.end(); return; }
  const stream = createReadStream(file, opts.throttle ? { highWaterMark: Math.max(1024, opts.throttle / 10) } : undefined);
  if (!opts.throttle) { stream.pipe(res); return; }
  // Throttled: a slow network, so tests can interrupt a download half-way.
  stream.on('data', (chunk) => { stream.pause(); res.write(chunk); setTimeout(() => stream.resume(), (chunk.length / opts.throttle) * 1000); });
  stream.on('end', () => res.end());
}).listen(opts.port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${opts.port}${opts.base}`));
