#!/usr/bin/env node
/**
 * The `r1ci` command line: `npm run --silent r1ci -- <command> ...`.
 * Each command lives in its own module under ./commands and is loaded only when used.
 */
import { CliError } from './cli-error';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ main(args: string[]): Promise<number> }> }> = {
  py: { summary: 'py FILE [--timeout S]            run a Python file as the model\'s code would run', load: () => import('./commands/py') },
  run: { summary: 'run --engine replay:FILE|openai:URL[#model] [--question TEXT | --question-file F] [--max-calls N] [--timeout S] [--json]', load: () => import('./commands/run') },
  score: { summary: 'score FILE.jsonl                 score benchmark responses', load: () => import('./commands/score') },
  bench: { summary: 'bench --data FILE.jsonl[,FILE] --engine ... [--limit N] [--tasks a,b] [--seed S] [--out F]', load: () => import('./commands/bench') },
};

function usage(): string {
  return 'usage: r1ci <command> [options]\n' + Object.values(COMMANDS).map((c) => '  ' + c.summary).join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`unknown command "${name}"\n${usage()}`);
  const module = await command.load();
  return module.main(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const error = err as Error;
    // Expected failures (bad arguments, missing files, unreachable servers) are one clear line.
    if (error?.name === 'CliError') process.stderr.write(`r1ci: ${error.message}\n`);
    else process.stderr.write(`r1ci: internal error: ${error?.stack ?? String(err)}\n`);
    process.exit(error?.name === 'CliError' ? 2 : 1);
  },
);
