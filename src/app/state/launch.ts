/**
 * What the page's address asks for: `?demo=<name>` plays `demos/<name>.json` beside the page;
 * `?replay=<path>` plays any replay file on the same origin (a teacher shares a recorded session by
 * link). Pure: the page URL comes in as a string, so it is tested in Node.
 */
export type Launch =
  | { kind: 'none' }
  | { kind: 'recording'; url: string; name: string; via: 'demo' | 'replay' }
  | { kind: 'error'; message: string };

const DEMO_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;

export function parseLaunch(pageUrl: string): Launch {
  const page = new URL(pageUrl);
  const demo = page.searchParams.get('demo');
  const replay = page.searchParams.get('replay');
  if (demo !== null) return demoLaunch(demo, page);
  if (replay !== null) return replayLaunch(replay, page);
  return { kind: 'none' };
}

export function demoUrl(name: string, pageUrl: string): string {
  return new URL(`demos/${encodeURIComponent(name)}.json`, pageUrl).href;
}

function demoLaunch(name: string, page: URL): Launch {
  if (!DEMO_NAME.test(name) || name.includes('..')) {
    return { kind: 'error', message: `"${name}" is not a demo name: use letters, digits, "-" and "_" only (see the demo list).` };
  }
  return { kind: 'recording', url: demoUrl(name, page.href), name, via: 'demo' };
}

function replayLaunch(path: string, page: URL): Launch {
  let url: URL;
  try {
    url = new URL(path, page.href);
  } catch {
    return { kind: 'error', message: `The replay address "${path}" is not a valid path.` };
  }
  if (url.origin !== page.origin || !/^https?:$/.test(url.protocol)) {
    return { kind: 'error', message: `Replay files must be on this site (${page.origin}); "${path}" is elsewhere. Put the file beside the app and link to it by path.` };
  }
  const name = decodeURIComponent(url.pathname.split('/').pop() || 'replay').replace(/\.json$/i, '');
  return { kind: 'recording', url: url.href, name, via: 'replay' };
}

/** One entry of `demos/index.json`. */
export interface DemoEntry {
  name: string;
  title: string;
  task?: string;
}

/** Reads `demos/index.json` defensively: entries without a usable name or title are skipped. */
export function parseDemoIndex(data: unknown): DemoEntry[] {
  const list = Array.isArray(data) ? data : Array.isArray((data as { demos?: unknown })?.demos) ? (data as { demos: unknown[] }).demos : [];
  const out: DemoEntry[] = [];
  for (const item of list) {
    const entry = item as Partial<DemoEntry> | null;
    if (!entry || typeof entry.name !== 'string' || !DEMO_NAME.test(entry.name)) continue;
    out.push({ name: entry.name, title: typeof entry.title === 'string' && entry.title ? entry.title : entry.name, ...(typeof entry.task === 'string' ? { task: entry.task } : {}) });
  }
  return out;
}

/** Largest piece `?replayChunk=` accepts: a whole long round in one piece. */
const MAX_REPLAY_CHUNK = 100_000;

/**
 * `?replayChunk=<n>` (1 to 100000): recordings stream in pieces of exactly n characters, still one piece
 * per chunk delay, instead of 1 to 6. For measuring how fast a stream the page keeps up with
 * (`scripts/bench-app.ts`). Absent or not a whole number in range: null, the normal reading pace.
 */
export function parseReplayChunk(pageUrl: string): number | null {
  const raw = new URL(pageUrl).searchParams.get('replayChunk');
  if (raw === null || !/^\d{1,6}$/.test(raw)) return null;
  const chunk = Number(raw);
  return chunk >= 1 && chunk <= MAX_REPLAY_CHUNK ? chunk : null;
}
