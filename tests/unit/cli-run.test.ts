import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { R1CI_3B } from '../../models/r1ci.protocol';
import { effectiveProtocol, parseRunArgs } from '../../src/cli/commands/run';
import { buildPrompt } from '../../src/loop/prompt';
import { parseReplayFile } from '../../src/engines/replay-file';
import { readFileSync } from 'node:fs';
import { r1ci, r1ciWatching } from './cli-process';

// Ports 5210-5219 belong to these tests; 5298 is never opened (the "unreachable server" case).
const SERVER_PORT = 5210;
const CLOSED_PORT = 5298;
const REPLAYS = 'tests/fixtures/replays';
const tmp = mkdtempSync(join(tmpdir(), 'r1ci-run-'));

function replay(name: string) {
  return parseReplayFile(readFileSync(join(REPLAYS, `${name}.json`), 'utf8'));
}

describe('parseRunArgs', () => {
  it('reads every flag, in both --flag value and --flag=value forms', () => {
    expect(parseRunArgs(['--engine', 'replay:f.json', '--question=What?', '--max-calls', '3', '--timeout=2.5', '--json'])).toEqual({
      engine: 'replay:f.json',
      question: 'What?',
      maxCalls: 3,
      timeoutSeconds: 2.5,
      json: true,
      help: false,
    });
    expect(parseRunArgs(['--engine', 'x', '--question-file', 'q.txt']).questionFile).toBe('q.txt');
    expect(parseRunArgs(['-h']).help).toBe(true);
  });

  it('explains bad arguments in one line', () => {
    const bad: [string[], RegExp][] = [
      [['--engine', 'x', '--bogus'], /^unknown option "--bogus"; see r1ci run --help$/],
      [['--question', 'q'], /^--engine is required/],
      [['--engine'], /^--engine needs a value/],
      [['--engine', 'x', '--max-calls', 'two'], /^--max-calls must be a whole number of at least 0, not "two"$/],
      [['--engine', 'x', '--max-calls', '-1'], /^--max-calls must be a whole number/],
      [['--engine', 'x', '--timeout', '0'], /^--timeout must be a number of seconds above 0, not "0"$/],
      [['--engine', 'x', '--question', 'a', '--question-file', 'b'], /either --question or --question-file/],
      [['--engine', 'x', 'stray'], /^unexpected argument "stray"/],
    ];
    for (const [args, message] of bad) {
      let error: Error | undefined;
      try {
        parseRunArgs(args);
      } catch (err) {
        error = err as Error;
      }
      expect(error?.name, args.join(' ')).toBe('CliError');
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain('\n');
    }
  });

  it('applies --max-calls and --timeout to the R1-CI-3B protocol record', () => {
    const protocol = effectiveProtocol({ maxCalls: 2, timeoutSeconds: 5 });
    expect(protocol).toEqual({ ...R1CI_3B, maxCodeCalls: 2, timeLimitSeconds: 5 });
    expect(effectiveProtocol({})).toEqual(R1CI_3B);
  });
});

describe('r1ci run (spawned)', () => {
  it('prints one JSON object for a replay: ChatML prompt, transcript with real Pyodide output, answer, stop', async () => {
    const { code, stdout, stderr } = await r1ci('run', '--engine', `replay:${REPLAYS}/new-operator.json`, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['prompt', 'transcript', 'rounds', 'answer', 'stop']);
    const question = replay('new-operator').question!;
    expect(out.prompt).toBe(buildPrompt(R1CI_3B, question));
    expect(out.prompt).toMatch(/^<\|im_start\|>system\nYou are Qwen/);
    // The loop cuts right after the closing fence; the results prefix brings its own newline.
    expect(out.transcript).toContain('```\nCode Execution Results: 5&3 = 26\n(5&3)&6 = 116\n\nThe code gives');
    expect(out.rounds).toHaveLength(2);
    expect(out.rounds[0].code).toContain('def amp(a, b):');
    expect(out.rounds[0].result).toBe('\nCode Execution Results: 5&3 = 26\n(5&3)&6 = 116\n\n');
    expect(out.rounds[1]).toEqual({ generated: replay('new-operator').rounds[1], code: null, result: null });
    expect(out.transcript).toBe(out.rounds.map((r: { generated: string; result: string | null }) => r.generated + (r.result ?? '')).join(''));
    expect(out.answer).toBe('116');
    expect(out.stop).toBe('answer');
  });

  it('shows the session readably: model text, the failing run and its fix, answer, stop and totals', async () => {
    const { code, stdout, stderr } = await r1ci('run', '--engine', `replay:${REPLAYS}/statistical-counting.json`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Recording: Scoring runs of letters');
    expect(stdout).toContain('What is the total score of the string CBBABAABBB?');
    expect(stdout).toContain('print(letter * run + " -> +" + scores[letter])');
    expect(stdout).toMatch(/── running Python block 1 ──\n── block 1: error/);
    expect(stdout).toContain('TypeError: can only concatenate str (not "int") to str');
    expect(stdout).toMatch(/── block 2: ok \(\d+\.\d\d s\) ──\n\nCode Execution Results: BB -> \+2\nAA -> \+1\nBBB -> \+2\nTotal score: 5\n/);
    expect(stdout).toMatch(/answer: 5\nstop: answer\nrounds: 3, code calls: 2, tokens: ~\d+ generated \(estimated\)/);
  });

  it('takes --question over the replay file\'s own and honours --max-calls', async () => {
    const { stdout } = await r1ci('run', '--engine', `replay:${REPLAYS}/eight-queens.json`, '--question', 'Place the queens.', '--max-calls', '1', '--json');
    const out = JSON.parse(stdout);
    expect(out.prompt).toBe(buildPrompt(R1CI_3B, 'Place the queens.'));
    expect(out.stop).toBe('max_calls');
    expect(out.rounds).toHaveLength(2);
    expect(out.rounds[1].result).toBeNull();
  });

  it('reads --question-file and needs a question from somewhere', async () => {
    const noQuestion = join(tmp, 'no-question.json');
    writeFileSync(noQuestion, JSON.stringify({ rounds: ['No code here. <<<42>>>'] }));
    const questionFile = join(tmp, 'q.txt');
    writeFileSync(questionFile, 'What is six times seven?\n');
    const ok = await r1ci('run', '--engine', `replay:${noQuestion}`, '--question-file', questionFile, '--json');
    const out = JSON.parse(ok.stdout);
    expect(out.prompt).toContain('query to solve the problem.\nWhat is six times seven?<|im_end|>');
    expect(out).toMatchObject({ answer: '42', stop: 'answer' });
    const missing = await r1ci('run', '--engine', `replay:${noQuestion}`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^r1ci: no question: give --question TEXT or --question-file F.*\n$/);
  });

  it('applies --timeout to the script time limit', async () => {
    const loop = join(tmp, 'runaway.json');
    writeFileSync(loop, JSON.stringify({ question: 'Loop?', rounds: ['```python\nprint("start")\nwhile True:\n    pass\n```\n', 'It ran out of time. <<<none>>>'] }));
    const ran = await r1ci('run', '--engine', `replay:${loop}`, '--timeout', '1', '--json');
    const out = JSON.parse(ran.stdout);
    expect(out.rounds[0].result).toBe('\nCode Execution Results: start\nTimeoutExpired: Command timed out after 1 seconds\n');
    expect(out.stop).toBe('answer');
  });

  it('fails with one line on stderr for a missing file, a bad file, a bad flag and an unknown engine', async () => {
    const cases: [string[], RegExp][] = [
      [['--engine', 'replay:tests/fixtures/replays/nope.json'], /^r1ci: replay file not found: tests\/fixtures\/replays\/nope\.json\n$/],
      [['--engine', `replay:${REPLAYS}/README.md`], /^r1ci: tests\/fixtures\/replays\/README\.md is not valid JSON [^\n]*\n$/],
      [['--engine', `replay:${REPLAYS}/pooling.json`, '--bogus'], /^r1ci: unknown option "--bogus"; see r1ci run --help\n$/],
      [['--engine', 'gpu:x', '--question', 'q'], /^r1ci: unknown engine "gpu:x"; use replay:FILE or openai:URL.*\n$/],
      [['--engine', `replay:${REPLAYS}/pooling.json`, '--question-file', join(tmp, 'absent.txt')], /^r1ci: question file not found: .*absent\.txt\n$/],
    ];
    const results = await Promise.all(cases.map(([args]) => r1ci('run', ...args)));
    results.forEach((ran, i) => {
      expect(ran.code, cases[i][0].join(' ')).toBe(2);
      expect(ran.stderr).toMatch(cases[i][1]);
      expect(ran.stdout).toBe('');
    });
  });

  it('fails with one line on stderr when the server cannot be reached', async () => {
    const ran = await r1ci('run', '--engine', `openai:http://127.0.0.1:${CLOSED_PORT}#r1ci`, '--question', 'What is 2+2?');
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/^r1ci: cannot reach the model server at http:\/\/127\.0\.0\.1:5298\/v1\/completions \(connection refused\); check that the server is running[^\n]*\n$/);
  });
});

describe('r1ci run against an OpenAI-compatible server (spawned)', () => {
  const bodies: { prompt: string; model: string }[] = [];
  let server: Server;
  const ROUND_1 = 'I will compute it.\n```python\nprint(sum(range(1, 11)))\n```\nimagined output that the loop cuts';
  const ROUND_2 = 'The sum is 55.\n<<<55>>>';

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const request = JSON.parse(body) as { prompt: string; model: string };
        bodies.push(request);
        if (request.prompt.includes('Never finish.')) {
          // A model that goes on and on: only Ctrl-C ends it.
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          const timer = setInterval(() => res.write(`data: ${JSON.stringify({ choices: [{ text: 'la ', finish_reason: null }] })}\n\n`), 20);
          res.on('close', () => clearInterval(timer));
          return;
        }
        const text = request.prompt.includes('Code Execution Results:') ? ROUND_2 : ROUND_1;
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        // Token-sized pieces; the client closes the connection once the loop has the whole block.
        for (let i = 0; i < text.length; i += 3) {
          res.write(`data: ${JSON.stringify({ choices: [{ text: text.slice(i, i + 3), finish_reason: null }] })}\n\n`);
        }
        res.write(`data: ${JSON.stringify({ choices: [{ text: '', finish_reason: 'stop' }] })}\n\n`);
        res.end('data: [DONE]\n\n');
      });
    });
    await new Promise<void>((resolve) => server.listen(SERVER_PORT, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('runs the loop through the server and real Python', async () => {
    const ran = await r1ci('run', '--engine', `openai:http://127.0.0.1:${SERVER_PORT}/v1#r1ci-3b`, '--question', 'Sum 1..10?', '--json');
    expect(ran.stderr).toBe('');
    const out = JSON.parse(ran.stdout);
    expect(out.stop).toBe('answer');
    expect(out.answer).toBe('55');
    expect(bodies).toHaveLength(2);
    expect(bodies[0].model).toBe('r1ci-3b');
    expect(bodies[0].prompt).toBe(buildPrompt(R1CI_3B, 'Sum 1..10?'));
    expect(bodies[1].prompt).toBe(bodies[0].prompt + 'I will compute it.\n```python\nprint(sum(range(1, 11)))\n```\nCode Execution Results: 55\n\n');
    expect(out.transcript).not.toContain('imagined output');
  });

  it('stops on Ctrl-C (SIGINT) with stop "aborted" and exits 130', async () => {
    let sent = false;
    const ran = await r1ciWatching(
      'stdout',
      (soFar, child) => {
        if (!sent && soFar.includes('la la la')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
      'run', '--engine', `openai:http://127.0.0.1:${SERVER_PORT}#m`, '--question', 'Never finish.',
    );
    expect(sent).toBe(true);
    expect(ran.stdout).toMatch(/answer: \(none\)\nstop: aborted\n/);
    expect(ran.code).toBe(130);
  });
});
