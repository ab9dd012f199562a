/**
 * `r1ci bench --data FILE.jsonl[,FILE...] --engine replay:FILE|openai:URL[#model] [--limit N] [--tasks a,b]
 *            [--seed S] [--out results.jsonl] [--max-calls N] [--timeout S]`
 *
 * Runs R1-CI's full loop on each selected benchmark question (real Python, Pyodide in a worker thread),
 * scores it, and prints a per-task table on stdout (accuracy, mean code calls, tokens, time per question);
 * progress goes to stderr. With --out, every question's row (transcript included) is appended to the file
 * as it finishes; rerunning with the same --out resumes: questions already in it are not asked again.
 * A results file can be re-scored with `r1ci score RESULTS.jsonl` (each row is a record plus "response").
 *
 * Exit: 0 when the plan is finished; 130 after Ctrl-C (what finished is kept); 2 for a bad argument, a
 * missing file or a failing engine (one line on stderr).
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { R1CI_3B } from '../../../models/r1ci.protocol';
import { describeProblems, parseDatasets, taskCounts } from '../../bench/dataset';
import { hasRecording, parseReplaySource, replayEngineFor, type ReplaySource } from '../../bench/replay-set';
import { parseResults, resultLine, type BenchResultRow } from '../../bench/results';
import { formatTimeLeft, runBenchmark, type BenchProgress } from '../../bench/runner';
import { selectRecords } from '../../bench/selection';
import { formatBenchTable, summarizeRows } from '../../bench/summary';
import type { Engine } from '../../engines/engine';
import { ENGINE_SPEC_HELP, engineFromSpec } from '../../engines/from-spec';
import type { NodePythonRunner } from '../../python/node-runner';
import type { PythonRunner } from '../../python/runner';
import { CliError } from '../cli-error';
import { effectiveProtocol } from './run';
import { eachFlag, positiveSeconds, wholeNumber } from '../flags';

export const BENCH_USAGE =
  'usage: r1ci bench --data FILE.jsonl[,FILE...] --engine replay:FILE|openai:URL[#model] [--limit N] [--tasks a,b] [--seed S] [--out results.jsonl]';

const BENCH_HELP = `${BENCH_USAGE}
  --data FILES      SymBench JSONL files, comma-separated (one {"id","task","question","solution"} per line)
  --engine SPEC     openai:URL[#model] (an OpenAI-compatible /v1/completions server), or replay:FILE: a replay
                    set (JSONL, one {"id": "task/N", "rounds": [...]} per line, or {"recordings": {id: {...}}});
                    questions without a recording are left out. A plain replay file answers every question.
  --limit N         at most N questions of EACH task (the paper averages per-task accuracies)
  --tasks a,b       only these tasks (default: every task in the data)
  --seed S          a reproducible random sample of each task (default: the first N in file order)
  --out FILE        append each question's result (transcript included) as a JSON line; rerun with the
                    same FILE to resume. Re-score it with: r1ci score FILE
  --max-calls N     most code blocks per question (default ${R1CI_3B.maxCodeCalls})
  --timeout S       seconds a code block may run (default ${R1CI_3B.timeLimitSeconds})
Questions run one at a time, tasks interleaved. The table (stdout) gives per-task accuracy, mean code
calls, tokens and time per question, the mean over all questions (micro) and over tasks (macro).
`;

const SEE_HELP = 'see r1ci bench --help';

export interface BenchArgs {
  data: string[];
  engine: string;
  limit?: number;
  tasks?: string[];
  seed?: number;
  out?: string;
  maxCalls?: number;
  timeoutSeconds?: number;
  help: boolean;
}

/** Parses the command's arguments (`--flag value` or `--flag=value`); throws CliError saying what is wrong. */
export function parseBenchArgs(args: string[]): BenchArgs {
  const parsed: Partial<BenchArgs> & { help: boolean } = { help: false };
  eachFlag(args, SEE_HELP, (flag, value) => {
    switch (flag) {
      case '--help': parsed.help = true; break;
      case '--data': parsed.data = list(flag, value()); break;
      case '--engine': parsed.engine = value(); break;
      case '--limit': parsed.limit = wholeNumber(flag, value(), 1); break;
      case '--tasks': parsed.tasks = list(flag, value()); break;
      case '--seed': parsed.seed = wholeNumber(flag, value(), 0); break;
      case '--out': parsed.out = nonEmpty(flag, value()); break;
      case '--max-calls': parsed.maxCalls = wholeNumber(flag, value(), 0); break;
      case '--timeout': parsed.timeoutSeconds = positiveSeconds(flag, value()); break;
      default: throw new CliError(`unknown option "${flag}"; ${SEE_HELP}`);
    }
  });
  if (parsed.help) return { data: [], engine: '', ...parsed };
  if (!parsed.data) throw new CliError(`--data is required: one or more SymBench JSONL files; ${SEE_HELP}`);
  if (!parsed.engine) throw new CliError(`--engine is required: ${ENGINE_SPEC_HELP}`);
  return parsed as BenchArgs;
}

function list(flag: string, text: string): string[] {
  const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new CliError(`${flag} needs at least one name, not "${text}"`);
  return items;
}



function nonEmpty(flag: string, text: string): string {
  if (text.trim() === '') throw new CliError(`${flag} needs a file name`);
  return text;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv);
  if (args.help) {
    process.stdout.write(BENCH_HELP);
    return 0;
  }
  const note = (line: string) => process.stderr.write(line + '\n');
  const dataset = parseDatasets(await Promise.all(args.data.map(async (path) => ({ text: await readText(path, 'data file'), source: path }))));
  if (dataset.problems.length > 0) note(describeProblems(dataset.problems));
  if (dataset.records.length === 0) throw new CliError(`no usable benchmark records in ${args.data.join(', ')}`);

  const engines = await chooseEngines(args.engine);
  const selection = selectRecords(dataset.records, {
    tasks: args.tasks,
    limitPerTask: args.limit,
    seed: args.seed,
    include: engines.replays ? (r) => hasRecording(engines.replays!, r.id) : undefined,
  });
  if (selection.unknownTasks.length > 0) {
    const known = taskCounts(dataset.records).map((t) => t.task).join(', ');
    throw new CliError(`no question of task${selection.unknownTasks.length > 1 ? 's' : ''} ${selection.unknownTasks.join(', ')} in the data (it holds: ${known})`);
  }
  if (selection.excluded > 0) note(`${selection.excluded} selected question${selection.excluded > 1 ? 's have' : ' has'} no recording in ${engines.replays!.name} and ${selection.excluded > 1 ? 'are' : 'is'} left out`);
  const plan = selection.plan;
  if (plan.length === 0) throw new CliError('no question to ask: the selection is empty');

  const previous = args.out ? await readPrevious(args.out, note) : [];
  const planned = new Set(plan.map((r) => r.id));
  const done = previous.filter((r) => planned.has(r.id)).length;
  if (done > 0) note(`resuming ${args.out}: ${done} of ${plan.length} questions already done`);

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const python = lazyPython();
  let result;
  try {
    // Pyodide starts before the first question, so its start-up is not counted as that question's time.
    await python.warm();
    result = await runBenchmark({
      plan,
      previous,
      engineFor: engines.engineFor,
      python,
      protocol: effectiveProtocol(args),
      signal: controller.signal,
      onResult: async (row, progress) => {
        if (args.out) await appendFile(args.out, resultLine(row));
        note(progressLine(row, progress));
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
    await python.close();
  }

  const { ending, rows } = result;
  if (ending.status === 'error') {
    const kept = args.out && rows.length > 0 ? `; ${rows.length} finished question${rows.length > 1 ? 's are' : ' is'} kept in ${args.out}, rerun the same command to resume` : '';
    throw new CliError(`${ending.id}: ${ending.error.message}${kept}`);
  }
  if (rows.length > 0) process.stdout.write(formatBenchTable(summarizeRows(rows)) + '\n');
  if (ending.status === 'aborted') {
    note(`interrupted after ${rows.length} of ${plan.length} questions${args.out ? `; rerun the same command to resume from ${args.out}` : ''}`);
    return 130;
  }
  return 0;
}

interface EngineChoice {
  engineFor: (record: { id: string }) => Engine;
  /** Set for replay engines: only questions with a recording are asked. */
  replays?: ReplaySource;
}

async function chooseEngines(spec: string): Promise<EngineChoice> {
  if (spec.startsWith('replay:')) {
    const path = spec.slice('replay:'.length);
    if (!path) throw new CliError('"replay:" needs a file: a replay set, e.g. replay:tests/fixtures/bench/mini.replays.jsonl');
    const text = await readText(path, 'replay file');
    let replays: ReplaySource;
    try {
      replays = parseReplaySource(text, path);
    } catch (err) {
      if ((err as Error)?.name === 'ReplayFileError') throw new CliError((err as Error).message);
      throw err;
    }
    return { replays, engineFor: (record) => replayEngineFor(replays, record.id) };
  }
  let engine: Engine;
  try {
    engine = (await engineFromSpec(spec)).engine;
  } catch (err) {
    if ((err as Error)?.name === 'EngineError' || (err as Error)?.name === 'ReplayFileError') throw new CliError((err as Error).message);
    throw err;
  }
  return { engineFor: () => engine };
}

/** Rows already in the results file; a line cut off by an interrupted write is dropped from the file first. */
async function readPrevious(path: string, note: (line: string) => void): Promise<BenchResultRow[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
  }
  const parsed = parseResults(text);
  if (parsed.badLines.length > 0 || (text !== '' && !text.endsWith('\n'))) {
    if (parsed.badLines.length > 0) note(`${path}: ${parsed.badLines.length} unreadable line${parsed.badLines.length > 1 ? 's' : ''} (line ${parsed.badLines.join(', ')}) dropped; ${parsed.badLines.length > 1 ? 'those questions' : 'that question'} will be asked again`);
    await writeFile(path, parsed.cleanText);
  }
  return parsed.rows;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${what} not found: ${path}`);
    if (code === 'EISDIR') throw new CliError(`${path} is a folder, not a ${what}`);
    throw new CliError(`cannot read ${what} ${path}: ${(err as Error).message}`);
  }
}

function progressLine(row: BenchResultRow, progress: BenchProgress): string {
  const verdict = row.correct ? 'correct' : row.extracted === null ? `wrong (no answer, stop: ${row.stop})` : 'wrong';
  const calls = `${row.codeCalls} code call${row.codeCalls === 1 ? '' : 's'}`;
  const tokens = `${row.tokensEstimated ? '~' : ''}${row.completionTokens} tokens`;
  const left = formatTimeLeft(progress.remainingMs);
  return `[${progress.done}/${progress.total}] ${row.id}: ${verdict} (${calls}, ${tokens}, ${(row.elapsedMs / 1000).toFixed(1)} s)${left ? ` · ${left}` : ''}`;
}

/** The Node Python runtime, started at the first code block and closed at the end so the process can exit. */
function lazyPython(): PythonRunner & { warm(): Promise<void>; close(): Promise<void> } {
  let runner: Promise<NodePythonRunner> | undefined;
  const start = () => (runner ??= import('../../python/node-runner').then(({ NodePythonRunner }) => new NodePythonRunner()));
  return {
    run(request) {
      return start().then((python) => python.run(request));
    },
    async warm() {
      // A runtime that cannot start is reported by the first code block, in the loop's words.
      await start().then((python) => python.ready()).catch(() => {});
    },
    async close() {
      if (runner) (await runner.catch(() => undefined))?.close();
    },
  };
}
