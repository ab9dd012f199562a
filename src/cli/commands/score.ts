/**
 * `r1ci score FILE.jsonl [--reasons]`
 *
 * Each input line is a SymBench record plus `"response"` (the model's text as a string, or the loop's
 * `{rounds: [{generated, code, result}]}`). Prints one JSON line per input line, in order:
 * `{"id", "task", "correct", "extracted"}`, or `{"line", "error"}` (with id and task when known) for a
 * line it cannot read; then a per-task summary (count, correct, accuracy) on stderr. Blank lines are
 * skipped. `--reasons` adds each wrong verdict's `"reason"` (why the scorer said no). Exit 0 once the file
 * is read, even when some lines were not; 2 for a bad argument or file.
 */
import { readFile } from 'node:fs/promises';
import { formatSummary, scoreLine, summarize, type LineResult } from '../../bench/scorers/batch';
import { CliError } from '../cli-error';

const USAGE = 'usage: r1ci score FILE.jsonl [--reasons]   (each line: a benchmark record plus "response")';

export async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const reasons = args.includes('--reasons');
  const rest = args.filter((arg) => arg !== '--reasons');
  const unknown = rest.find((arg) => arg.startsWith('-'));
  if (unknown) throw new CliError(`unknown option "${unknown}"; ${USAGE}`);
  if (rest.length !== 1) throw new CliError(rest.length === 0 ? `missing FILE; ${USAGE}` : `expected one FILE, got ${rest.map((a) => `"${a}"`).join(' ')}; ${USAGE}`);
  const text = (await readInput(rest[0])).replace(/^\uFEFF/, '');
  const results: LineResult[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const result = scoreLine(line, index + 1);
    results.push(result);
    process.stdout.write(JSON.stringify(outputOf(result, reasons)) + '\n');
  });
  const errors = results.filter((r) => 'error' in r).length;
  process.stderr.write(formatSummary(summarize(results), errors) + '\n');
  return 0;
}

/** The printed shape: the documented four fields (plus the reason when asked), or the error line. */
function outputOf(result: LineResult, withReason: boolean): object {
  if ('error' in result) return result;
  const { id, task, correct, extracted, reason } = result;
  return withReason && reason ? { id, task, correct, extracted, reason } : { id, task, correct, extracted };
}

async function readInput(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`no such file: ${path}`);
    if (code === 'EISDIR') throw new CliError(`${path} is a folder, not a JSONL file`);
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
  }
}
