/**
 * `r1ci py FILE [--timeout S]`: runs FILE through the Python runtime exactly as a model's code block
 * would run and prints the results text the model would be shown after the results prefix (stdout,
 * then stderr, then a timeout or crash note), nothing else. Exit 0 even when the Python raised.
 */
import { readFile } from 'node:fs/promises';
import { R1CI_3B } from '../../../models/r1ci.protocol';
import { NodePythonRunner } from '../../python/node-runner';
import { resultsBody } from '../../python/results';
import { CliError } from '../cli-error';

const USAGE = 'usage: r1ci py FILE [--timeout S]';

export interface PyArgs {
  file: string;
  timeoutSeconds: number;
}

/** Parses `FILE [--timeout S]` (also `--timeout=S`); throws CliError saying what is wrong. */
export function parsePyArgs(args: string[]): PyArgs {
  let file: string | undefined;
  let timeoutSeconds = R1CI_3B.timeLimitSeconds;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--timeout' || arg.startsWith('--timeout=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      const seconds = Number(value);
      if (value === undefined || value === '' || !Number.isFinite(seconds) || seconds <= 0) {
        throw new CliError(`--timeout needs a positive number of seconds, got ${value === undefined ? 'nothing' : `"${value}"`}; ${USAGE}`);
      }
      timeoutSeconds = seconds;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new CliError(`unknown option "${arg}"; ${USAGE}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new CliError(`only one FILE can be run, got "${file}" and "${arg}"; ${USAGE}`);
    }
  }
  if (file === undefined) throw new CliError(`no FILE given; ${USAGE}`);
  return { file, timeoutSeconds };
}

export async function main(args: string[]): Promise<number> {
  const { file, timeoutSeconds } = parsePyArgs(args);
  let code: string;
  try {
    code = await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new CliError(`cannot read ${file}: ${reason}`);
  }
  const protocol = { ...R1CI_3B, timeLimitSeconds: timeoutSeconds };
  const runner = new NodePythonRunner();
  try {
    const result = await runner.run({ code, timeoutMs: timeoutSeconds * 1000, maxCaptureChars: protocol.results.maxChars });
    process.stdout.write(resultsBody(protocol, result));
  } finally {
    runner.close();
  }
  return 0;
}
