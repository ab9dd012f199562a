/**
 * The app's own demo recordings (public/demos/) as a replay set for the Benchmark view: each demo names
 * the SymBench question it answers in its "source" ("SymBench game24/6"), which becomes the record id.
 * The result is JSONL text in the replay-set format (src/bench/replay-set.ts), so it is stored with a run
 * like any replay set a user picks.
 */
import { validateReplayFile } from '../../engines/replay-file';

export const DEMO_SET_NAME = 'the app\u2019s demo recordings';

export async function loadDemoReplaySet(base: string, signal?: AbortSignal): Promise<string> {
  const index = await fetchJson(new URL('demos/index.json', base), signal);
  if (!Array.isArray(index)) throw new Error('The demo list (demos/index.json) is not a list.');
  const lines: string[] = [];
  for (const entry of index as { name?: unknown }[]) {
    if (typeof entry?.name !== 'string' || !/^[\w-]+$/.test(entry.name)) continue;
    const file = validateReplayFile(await fetchJson(new URL(`demos/${entry.name}.json`, base), signal), `demo ${entry.name}`);
    const id = /^SymBench (\S+)$/.exec(file.source ?? '')?.[1];
    if (id) lines.push(JSON.stringify({ id, ...file }));
  }
  if (lines.length === 0) throw new Error('No demo recording names the benchmark question it answers.');
  return lines.join('\n') + '\n';
}

async function fetchJson(url: URL, signal?: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url.pathname} could not be loaded (${response.status}).`);
  return response.json();
}
