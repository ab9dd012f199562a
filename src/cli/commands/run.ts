/**
 * `r1ci run --engine replay:FILE|openai:URL[#model] [--question TEXT | --question-file F] [--max-calls N]
 *           [--timeout S] [--json]`
 *
 * Runs one question through the R1-CI loop with the real Python runtime. Without --json the session is
 * shown as it streams; with --json one object is printed at the end:
 * `{"prompt", "transcript", "rounds": [{"generated", "code", "result"}], "answer", "stop"}`.
 */
import { readFile } from 'node:fs/promises';
import type { ProtocolRecord } from '../../../models/protocol';
import { R1CI_3B } from '../../../models/r1ci.protocol';
import type { Engine } from '../../engines/engine';
import { ENGINE_SPEC_HELP, engineFromSpec } from '../../engines/from-spec';
import type { LoopEvent, LoopOutcome } from '../../loop/events';
import { runLoop } from '../../loop/run-loop';
import type { NodePythonRunner } from '../../python/node-runner';
import type { PythonRunner } from '../../python/runner';
import { CliError } from '../cli-error';
import { eachFlag, positiveSeconds, wholeNumber } from '../flags';

export const RUN_USAGE =
  'usage: r1ci run --engine replay:FILE|openai:URL[#model] [--question TEXT | --question-file F] [--max-calls N] [--timeout S] [--json]';

const RUN_HELP = `${RUN_USAGE}
  --engine SPEC        replay:FILE (a recorded session) or openai:URL[#model] (an OpenAI-compatible /v1/completions server)
  --question TEXT      the question (default: the replay file's own question)
  --question-file F    read the question from a file
  --max-calls N        most code blocks to run (default ${R1CI_3B.maxCodeCalls})
  --timeout S          seconds a code block may run (default ${R1CI_3B.timeLimitSeconds})
  --json               print one JSON object at the end instead of the streamed session
`;

/** Errors are one line on stderr; the usage is one command away. */
const SEE_HELP = 'see r1ci run --help';

export interface RunArgs {
  engine: string;
  question?: string;
  questionFile?: string;
  maxCalls?: number;
  timeoutSeconds?: number;
  json: boolean;
  help: boolean;
}

/** Parses the command's arguments (`--flag value` or `--flag=value`); throws CliError saying what is wrong. */
export function parseRunArgs(args: string[]): RunArgs {
  const parsed: Partial<RunArgs> & { json: boolean; help: boolean } = { json: false, help: false };
  // A question may itself start with "--".
  eachFlag(args, SEE_HELP, (flag, value) => {
    switch (flag) {
      case '--help': parsed.help = true; break;
      case '--engine': parsed.engine = value(); break;
      case '--question': parsed.question = value(); break;
      case '--question-file': parsed.questionFile = value(); break;
      case '--max-calls': parsed.maxCalls = wholeNumber(flag, value(), 0); break;
      case '--timeout': parsed.timeoutSeconds = positiveSeconds(flag, value()); break;
      case '--json': parsed.json = true; break;
      default: throw new CliError(`unknown option "${flag}"; ${SEE_HELP}`);
    }
  }, ['--question']);
  if (parsed.help) return { ...parsed, engine: parsed.engine ?? '' };
  if (!parsed.engine) throw new CliError(`--engine is required: ${ENGINE_SPEC_HELP}`);
  if (parsed.question !== undefined && parsed.questionFile !== undefined) {
    throw new CliError('give either --question or --question-file, not both');
  }
  return parsed as RunArgs;
}



/** The protocol record with the command's settings applied. */
export function effectiveProtocol(args: Pick<RunArgs, 'maxCalls' | 'timeoutSeconds'>, base: ProtocolRecord = R1CI_3B): ProtocolRecord {
  return {
    ...base,
    maxCodeCalls: args.maxCalls ?? base.maxCodeCalls,
    timeLimitSeconds: args.timeoutSeconds ?? base.timeLimitSeconds,
  };
}

/** The --json object: exactly the fields the issue names, from the loop's outcome. */
export function outcomeJson(outcome: LoopOutcome) {
  return {
    prompt: outcome.prompt,
    transcript: outcome.transcript,
    rounds: outcome.rounds.map((r) => ({ generated: r.generated, code: r.code, result: r.result })),
    answer: outcome.answer,
    stop: outcome.stop,
  };
}

export async function main(argv: string[]): Promise<number> {
  const args = parseRunArgs(argv);
  if (args.help) {
    process.stdout.write(RUN_HELP);
    return 0;
  }
  const { engine, question: recordedQuestion } = await loadEngine(args.engine);
  const question = await chooseQuestion(args, recordedQuestion);
  const protocol = effectiveProtocol(args);

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const python = lazyPython();
  let outcome: LoopOutcome;
  try {
    const render = args.json ? undefined : streamRenderer(engine, question);
    outcome = await runLoop({ protocol, engine, python, question, signal: controller.signal, onEvent: render });
  } finally {
    process.off('SIGINT', onSigint);
    await python.close();
  }

  if (args.json) process.stdout.write(JSON.stringify(outcomeJson(outcome)) + '\n');
  if (outcome.stop === 'error') throw new CliError(outcome.error?.message ?? 'the session failed');
  return outcome.stop === 'aborted' ? 130 : 0;
}

async function loadEngine(spec: string): Promise<{ engine: Engine; question?: string }> {
  try {
    return await engineFromSpec(spec);
  } catch (err) {
    const error = err as Error;
    if (error?.name === 'EngineError' || error?.name === 'ReplayFileError') throw new CliError(error.message);
    throw err;
  }
}

async function chooseQuestion(args: RunArgs, recorded: string | undefined): Promise<string> {
  if (args.question !== undefined) {
    if (args.question.trim() === '') throw new CliError('--question is empty');
    return args.question;
  }
  if (args.questionFile !== undefined) {
    let text: string;
    try {
      text = await readFile(args.questionFile, 'utf8');
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw new CliError(code === 'ENOENT' ? `question file not found: ${args.questionFile}` : `cannot read question file ${args.questionFile}: ${(err as Error).message}`);
    }
    // An editor's final newline is not part of the question.
    const question = text.replace(/\r?\n$/, '');
    if (question.trim() === '') throw new CliError(`question file ${args.questionFile} is empty`);
    return question;
  }
  if (recorded !== undefined) return recorded;
  throw new CliError('no question: give --question TEXT or --question-file F (only replay files can carry their own question)');
}

/**
 * The Node Python runtime, started at the first code block (a session that fails before, or writes no code,
 * never pays for Pyodide's start) and closed afterwards so the process can exit.
 */
function lazyPython(): PythonRunner & { close(): Promise<void> } {
  let runner: Promise<NodePythonRunner> | undefined;
  return {
    run(request) {
      runner ??= import('../../python/node-runner').then(({ NodePythonRunner }) => new NodePythonRunner());
      return runner.then((python) => python.run(request));
    },
    async close() {
      if (runner) await (await runner.catch(() => undefined))?.close();
    },
  };
}

/** Shows the session readably as it streams: model text as it comes, code runs and results marked, a summary. */
function streamRenderer(engine: Engine, question: string): (event: LoopEvent) => void {
  const out = process.stdout;
  const color = out.isTTY && !process.env.NO_COLOR;
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const dim = (text: string) => paint('2', text);
  let blocks = 0;
  let estimated = false;
  let atLineStart = true;
  const write = (text: string) => {
    if (text === '') return;
    out.write(text);
    atLineStart = text.endsWith('\n');
  };
  const newline = () => (atLineStart ? '' : '\n');

  write(dim(`── ${engine.label}${engine.isRecording ? ' (a recording, not a live model)' : ''}\n`));
  write(dim('── question\n') + question + '\n' + dim('── model\n'));
  return (event) => {
    switch (event.type) {
      case 'text':
        write(event.delta);
        break;
      case 'exec-start':
        blocks++;
        write(newline() + dim(`── running Python block ${blocks} ──\n`));
        break;
      case 'exec-end': {
        const { result, resultText } = event;
        const status = result.status === 'ok' ? 'ok' : paint('31', result.status);
        write(dim(`── block ${blocks}: `) + status + dim(` (${(result.durationMs / 1000).toFixed(2)} s) ──\n`));
        write(paint('36', resultText));
        write(newline() + dim('── model\n'));
        break;
      }
      case 'usage':
        if (event.usage.estimated) estimated = true;
        break;
      case 'done': {
        const { outcome } = event;
        const t = outcome.totals;
        const lines = [
          newline() + dim('── end'),
          `answer: ${outcome.answer === null ? '(none)' : paint('1', outcome.answer)}`,
          `stop: ${outcome.stop}${outcome.error ? ` (${outcome.error.message})` : ''}`,
          `rounds: ${outcome.rounds.length}, code calls: ${t.codeCalls}, ` +
            `tokens: ${estimated ? '~' : ''}${t.completionTokens} generated${t.promptTokens ? `, ${t.promptTokens} prompt` : ''}` +
            `${estimated ? ' (estimated)' : ''}, ${(t.elapsedMs / 1000).toFixed(1)} s`,
        ];
        write(lines.join('\n') + '\n');
        break;
      }
    }
  };
}
