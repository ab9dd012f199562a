import type { Engine } from './engine';
import { EngineError } from './engine';
import { OpenAIEngine } from './openai';
import { ReplayEngine } from './replay';
import type { ReplayFile } from './replay-file';
import { parseReplayFile } from './replay-file';

/**
 * Turns an engine spec from the command line into an Engine:
 *   `replay:FILE`             a replay file (see replay-file.ts)
 *   `openai:URL[#model]`      an OpenAI-compatible /v1/completions server
 * Throws EngineError (or ReplayFileError) with a message saying what to fix.
 */
export interface EngineFromSpec {
  engine: Engine;
  /** The replay file's question, when the spec is a replay file that has one. */
  question?: string;
  /** The parsed replay file, for replay specs. */
  recording?: ReplayFile;
}

export interface EngineSpecOptions {
  /** Reads a replay file; defaults to Node's fs (the command line). The app passes a fetch-based reader. */
  readText?: (path: string) => Promise<string>;
  /** Replay chunk pacing (0 for tests and benchmarks). */
  chunkDelayMs?: number;
  /** Replay chunking seed. */
  seed?: number;
  /** Sent to OpenAI-compatible servers that want a key. */
  apiKey?: string;
}

export const ENGINE_SPEC_HELP = 'replay:FILE or openai:URL[#model] (e.g. openai:http://127.0.0.1:8080/v1#r1ci-3b)';

export async function engineFromSpec(spec: string, options: EngineSpecOptions = {}): Promise<EngineFromSpec> {
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const rest = colon < 0 ? '' : spec.slice(colon + 1);
  if (kind === 'replay') {
    if (!rest) throw new EngineError(`"replay:" needs a file, e.g. replay:tests/fixtures/replays/game24.json`);
    const readText = options.readText ?? readFileWithNode;
    const recording = parseReplayFile(await readText(rest), rest);
    const engine = new ReplayEngine(recording, { name: baseName(rest), chunkDelayMs: options.chunkDelayMs, seed: options.seed });
    return { engine, question: recording.question, recording };
  }
  if (kind === 'openai') {
    if (!rest) throw new EngineError(`"openai:" needs the server's URL, e.g. openai:http://127.0.0.1:8080#model-name`);
    return { engine: new OpenAIEngine({ url: rest, apiKey: options.apiKey }) };
  }
  throw new EngineError(`unknown engine "${spec}"; use ${ENGINE_SPEC_HELP}`);
}

/** Node's file reader, loaded only when used so the module stays importable in the browser. */
async function readFileWithNode(path: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new EngineError(`replay file not found: ${path}`);
    if (code === 'EISDIR') throw new EngineError(`${path} is a folder, not a replay file`);
    throw new EngineError(`cannot read replay file ${path}: ${(err as Error).message}`);
  }
}

function baseName(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/\.json$/i, '');
}
