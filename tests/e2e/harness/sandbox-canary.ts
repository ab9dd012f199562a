/**
 * A local server that counts every connection made to it: the red-team scripts aim their requests
 * here, so any request that leaves the sandbox (fetch, XHR, WebSocket upgrade, raw TCP) is seen.
 */
import { createServer, type Server } from 'node:http';

export interface Canary {
  url: string;
  /** Connections and requests so far (paths for the report). */
  hits: () => { connections: number; paths: string[] };
  close: () => Promise<void>;
}

/** Listens on the first free port of `ports` (a busy port moves on to the next one). */
export async function startCanary(ports: number[]): Promise<Canary> {
  for (const port of ports) {
    try {
      return await listenCanary(port);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
  throw new Error(`No free port for the canary server among ${ports.join(', ')}.`);
}

async function listenCanary(port: number): Promise<Canary> {
  let connections = 0;
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' });
    res.end('canary');
  });
  server.on('connection', () => connections++);
  server.on('upgrade', (req, socket) => {
    paths.push(`upgrade ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => ({ connections, paths: [...paths] }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
