import { createServer, type Server } from 'node:http';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../src/cli/commands/bench';
import { r1ci, r1ciWatching } from './cli-process';

// Ports 5897 (a scripted model server) and 5898 (never opened: the "unreachable server" case) belong to these tests.
const SERVER_PORT = 5897;
const CLOSED_PORT = 5898;
const DATA = 'tests/fixtures/bench/symbench-mini.jsonl';
const REPLAYS = 'tests/fixtures/bench/mini.replays.jsonl';
const ENGINE = `replay:${REPLAYS}`;
const tmp = mkdtempSync(join(tmpdir(), 'r1ci-bench-'));

function rowsOf(path: string): Record<string, any>[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

/** The table's row for a name: its cells split on runs of spaces. */
function tableRow(stdout: string, name: string): string[] {
  const line = stdout.split('\n').find((l) => l.startsWith(name + ' '));
  if (!line) throw new Error(`no row "${name}" in:\n${stdout}`);
  return line.slice(name.length).trim().split(/\s{2,}/);
}

/** Stable columns of a task row (n, correct, accuracy, code calls, tokens): time varies run to run. */
const stable = (stdout: string, name: string) => tableRow(stdout, name).slice(0, 5);

describe('parseBenchArgs', () => {
  it('reads every flag in both forms; lists are comma-separated', () => {
    expect(parseBenchArgs(['--data', 'a.jsonl,b.jsonl', '--engine=replay:r.jsonl', '--limit', '3', '--tasks', 'game24, pooling', '--seed=0', '--out', 'o.jsonl', '--max-calls', '2', '--timeout', '1.5'])).toEqual({
      data: ['a.jsonl', 'b.jsonl'], engine: 'replay:r.jsonl', limit: 3, tasks: ['game24', 'pooling'], seed: 0, out: 'o.jsonl', maxCalls: 2, timeoutSeconds: 1.5, help: false,
    });
  });

  it.each([
    [['--engine', 'replay:x'], /--data is required/],
    [['--data', 'd.jsonl'], /--engine is required/],
    [['--data', 'd', '--engine', 'e', '--limit', '0'], /--limit must be a whole number of at least 1, not "0"/],
    [['--data', 'd', '--engine', 'e', '--seed', '-1'], /--seed must be a whole number of at least 0, not "-1"/],
    [['--data', 'd', '--engine', 'e', '--seed', 'x'], /--seed must be a whole number/],
    [['--data', ',', '--engine', 'e'], /--data needs at least one name/],
    [['--data', 'd', '--engine', 'e', '--bogus'], /unknown option "--bogus"/],
    [['--data', 'd', '--engine', 'e', 'extra'], /unexpected argument "extra"/],
  ])('%j is refused with a message saying what is wrong', (args, message) => {
    expect(() => parseBenchArgs(args)).toThrow(message);
  });
});

describe('r1ci bench with a replay set (real Pyodide)', () => {
  it('runs the questions that have recordings and prints per-task accuracy, code calls, tokens and time', async () => {
    const out = join(tmp, 'full.jsonl');
    const ran = await r1ci('bench', '--data', DATA, '--engine', ENGINE, '--out', out);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('4 selected questions have no recording in tests/fixtures/bench/mini.replays.jsonl and are left out');
    expect(ran.stderr).toMatch(/^\[1\/7\] game24\/6: correct \(1 code call, ~\d+ tokens, [\d.]+ s\)/m);
    expect(ran.stderr).toMatch(/^\[6\/7\] new_operator\/2: wrong \(no answer, stop: eos\)/m);
    expect(stable(ran.stdout, 'game24')).toEqual(['2', '1', '50.0%', '0.50', '~187']);
    expect(stable(ran.stdout, 'new_operator')).toEqual(['2', '1', '50.0%', '0.50', '~72']);
    expect(stable(ran.stdout, 'pooling')).toEqual(['2', '2', '100.0%', '0.50', '~111']);
    expect(stable(ran.stdout, 'statistical_counting')).toEqual(['1', '1', '100.0%', '2.00', '~296']);
    expect(stable(ran.stdout, 'all questions (micro)')).toEqual(['7', '5', '71.4%', '0.71', '~148']);
    // The paper's figure: mean of per-task accuracies, (0.5 + 0.5 + 1 + 1) / 4.
    expect(tableRow(ran.stdout, 'mean over tasks (macro)')).toEqual(['75.0%']);
    expect(tableRow(ran.stdout, 'game24')[6]).toMatch(/^(\d+\.\d s|\d+ ms)$/);

    const rows = rowsOf(out);
    expect(rows.map((r) => r.id)).toEqual(['game24/6', 'new_operator/1', 'pooling/2', 'statistical_counting/3', 'game24/7', 'new_operator/2', 'pooling/3']);
    const counting = rows.find((r) => r.id === 'statistical_counting/3')!;
    // The whole session: the first script really raised in Pyodide, the second ran, the answer was scored.
    expect(counting.response.rounds[0].result).toContain('TypeError');
    expect(counting.response.rounds[1].result).toContain('Total score: 5');
    expect(counting).toMatchObject({ correct: true, extracted: '5', codeCalls: 2, stop: 'answer', recording: true });
    expect(counting.response.transcript).toContain('Code Execution Results: ');
  }, 120_000);

  it('resumes: a rerun with the same --out asks only the missing questions and the final summary is the full one', async () => {
    const out = join(tmp, 'resume.jsonl');
    // A first run cut short (one question per task), then a line cut off mid-write, as a kill would leave it.
    const first = await r1ci('bench', '--data', DATA, '--engine', ENGINE, '--out', out, '--limit', '1');
    expect(first.code).toBe(0);
    expect(stable(first.stdout, 'all questions (micro)')).toEqual(['4', '4', '100.0%', '1.25', '~241']);
    const firstText = readFileSync(out, 'utf8');
    appendFileSync(out, '{"id": "game24/7", "task": "game24", "corr');

    const second = await r1ci('bench', '--data', DATA, '--engine', ENGINE, '--out', out);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('unreadable line (line 5) dropped');
    expect(second.stderr).toContain('resuming');
    expect(second.stderr).toContain('4 of 7 questions already done');
    // Only the three missing questions were asked.
    const asked = [...second.stderr.matchAll(/^\[(\d)\/7\] (\S+):/gm)].map((m) => m[2]);
    expect(asked).toEqual(['game24/7', 'new_operator/2', 'pooling/3']);
    // Finished rows are untouched; the cut line is gone; every question appears once.
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith(firstText)).toBe(true);
    expect(rowsOf(out).map((r) => r.id).sort()).toEqual(['game24/6', 'game24/7', 'new_operator/1', 'new_operator/2', 'pooling/2', 'pooling/3', 'statistical_counting/3']);
    expect(stable(second.stdout, 'all questions (micro)')).toEqual(['7', '5', '71.4%', '0.71', '~148']);
    expect(tableRow(second.stdout, 'mean over tasks (macro)')).toEqual(['75.0%']);

    // A third run has nothing left to ask and prints the same summary.
    const third = await r1ci('bench', '--data', DATA, '--engine', ENGINE, '--out', out);
    expect(third.code).toBe(0);
    expect(third.stderr).not.toMatch(/^\[\d\/7\]/m);
    expect(stable(third.stdout, 'all questions (micro)')).toEqual(['7', '5', '71.4%', '0.71', '~148']);
  }, 120_000);

  it('--tasks and --seed: a reproducible sample of the named tasks; a single replay file answers every question', async () => {
    const always5 = join(tmp, 'always-5.json');
    writeFileSync(always5, JSON.stringify({ title: 'always 5', rounds: ['Guessing.\n\n<<<5>>>'] }));
    const a = await r1ci('bench', '--data', DATA, '--engine', `replay:${always5}`, '--tasks', 'statistical_counting,game24', '--seed', '7', '--limit', '1', '--out', join(tmp, 'seed-a.jsonl'));
    const b = await r1ci('bench', '--data', DATA, '--engine', `replay:${always5}`, '--tasks', 'statistical_counting,game24', '--seed', '7', '--limit', '1', '--out', join(tmp, 'seed-b.jsonl'));
    expect(a.code).toBe(0);
    const ids = rowsOf(join(tmp, 'seed-a.jsonl')).map((r) => r.id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe('statistical_counting/3');
    expect(ids[1]).toMatch(/^game24\//);
    expect(rowsOf(join(tmp, 'seed-b.jsonl')).map((r) => r.id)).toEqual(ids);
    expect(stable(a.stdout, 'statistical_counting')).toEqual(['1', '1', '100.0%', '0.00', '~5']);
    expect(stable(a.stdout, 'game24')).toEqual(['1', '0', '0.0%', '0.00', '~5']);
  }, 120_000);

  it('a results file can be re-scored by r1ci score (each row is a record plus "response")', async () => {
    const out = join(tmp, 'rescore.jsonl');
    await r1ci('bench', '--data', DATA, '--engine', ENGINE, '--out', out);
    const scored = await r1ci('score', out);
    expect(scored.code).toBe(0);
    const verdicts = scored.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const rows = rowsOf(out);
    expect(verdicts.map((v) => v.id)).toEqual(rows.map((r) => r.id));
    expect(verdicts.every((v) => !('error' in v))).toBe(true);
    // Every row re-scores as it was scored during the run, multi-round sessions included.
    expect(rows.some((r) => r.response.rounds.length > 1 && r.correct)).toBe(true);
    for (const row of rows) {
      expect(verdicts.find((v) => v.id === row.id)).toMatchObject({ correct: row.correct, extracted: row.extracted });
    }
  }, 120_000);
});

describe('r1ci bench failures: one line on stderr, non-zero exit', () => {
  it.each([
    [['--data', join(tmp, 'nope.jsonl'), '--engine', ENGINE], /^r1ci: data file not found: .*nope\.jsonl\n$/],
    [['--data', DATA, '--engine', 'replay:' + join(tmp, 'missing.jsonl')], /^r1ci: replay file not found: .*missing\.jsonl\n$/],
    [['--data', DATA, '--engine', ENGINE, '--tasks', 'sudoku9'], /^r1ci: no question of task sudoku9 in the data \(it holds: combinatorial|^r1ci: no question of task sudoku9 in the data \(it holds: eight_queens, game24/],
    [['--data', DATA, '--engine', 'gpt:x'], /^r1ci: unknown engine "gpt:x"; use replay:FILE or openai:URL/],
    [['--data', DATA, '--engine', ENGINE, '--limit', 'ten'], /^r1ci: --limit must be a whole number of at least 1, not "ten"\n$/],
  ])('%j', async (args, message) => {
    const ran = await r1ci('bench', ...args);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(message);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(ran.stdout).toBe('');
  });

  it('an unreachable server stops at the first question with one line and nothing written as done', async () => {
    const out = join(tmp, 'unreachable.jsonl');
    const ran = await r1ci('bench', '--data', DATA, '--engine', `openai:http://127.0.0.1:${CLOSED_PORT}`, '--limit', '1', '--out', out);
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(ran.stderr).toMatch(/^r1ci: eight_queens\/2: cannot reach the model server at http:\/\/127\.0\.0\.1:5898/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('a data file with no usable line', async () => {
    const bad = join(tmp, 'bad.jsonl');
    writeFileSync(bad, 'not json\n{"id": "x"}\n');
    const ran = await r1ci('bench', '--data', bad, '--engine', ENGINE);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('2 lines could not be used');
    expect(ran.stderr).toMatch(/r1ci: no usable benchmark records in .*bad\.jsonl\n$/);
  });
});

describe('r1ci bench with an OpenAI-compatible server: live figures, Ctrl-C and resume', () => {
  let server: Server;
  /** Questions asked, by the numbers in them (one entry per completion request of a first round). */
  const asked: string[] = [];
  let hang = true;
  const GAME24_6 = 'I will search.\n```python\nprint("((1+2)*(2+6))")\n```\n';
  const GAME24_6_AFTER = 'The script found it.\n\n<<<((1+2)*(2+6))>>>';

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const request = JSON.parse(body) as { prompt: string };
        const question = /Input: (\d+ \d+ \d+ \d+) Answer:\n/.exec(request.prompt)?.[1] ?? /matrix by using a 2\*2 sliding window:\n([^\n]+)/.exec(request.prompt)?.[1] ?? '?';
        const followUp = request.prompt.includes('Code Execution Results:');
        if (!followUp) asked.push(question);
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        if (question === '1 1 10 12' && hang) {
          // A model that goes on and on: only Ctrl-C ends it.
          const timer = setInterval(() => res.write(`data: ${JSON.stringify({ choices: [{ text: 'hmm ', finish_reason: null }] })}\n\n`), 20);
          res.on('close', () => clearInterval(timer));
          return;
        }
        const text = question === '1 2 2 6' ? (followUp ? GAME24_6_AFTER : GAME24_6) : question === '1 1 10 12' ? '<<<(1+1)+(10+12)>>>' : '<<<20,20,20,20>>>';
        for (let i = 0; i < text.length; i += 4) res.write(`data: ${JSON.stringify({ choices: [{ text: text.slice(i, i + 4), finish_reason: null }] })}\n\n`);
        res.write(`data: ${JSON.stringify({ choices: [{ text: '', finish_reason: 'stop' }] })}\n\n`);
        res.write(`data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 300, completion_tokens: 12 } })}\n\n`);
        res.end('data: [DONE]\n\n');
      });
    });
    await new Promise<void>((resolve) => server.listen(SERVER_PORT, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('Ctrl-C mid-question keeps what finished (exit 130); the rerun asks only the rest', async () => {
    const out = join(tmp, 'live.jsonl');
    const engine = `openai:http://127.0.0.1:${SERVER_PORT}/v1#r1ci-3b`;
    const args = ['bench', '--data', DATA, '--engine', engine, '--tasks', 'game24,pooling', '--limit', '2', '--out', out];
    let interrupted = false;
    const first = await r1ciWatching('stderr', (soFar, child) => {
      // Two questions done, the third (game24/7) hangs: interrupt it.
      if (!interrupted && soFar.includes('[2/4]')) {
        interrupted = true;
        setTimeout(() => child.kill('SIGINT'), 200);
      }
    }, ...args);
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('interrupted after 2 of 4 questions; rerun the same command to resume');
    expect(stable(first.stdout, 'all questions (micro)').slice(0, 4)).toEqual(['2', '2', '100.0%', '0.50']);
    const kept = rowsOf(out);
    expect(kept.map((r) => r.id)).toEqual(['game24/6', 'pooling/2']);
    // Live figures: the server's token counts where it gave them (a round the loop stops at a closing
    // fence ends before the server's usage report, so the engine counts pieces there: an estimate).
    expect(kept[1]).toMatchObject({ correct: true, codeCalls: 0, completionTokens: 12, promptTokens: 300, tokensEstimated: false, recording: false, engine: expect.stringContaining('5897') });
    expect(kept[1]!.tokensPerSecond).toBeGreaterThan(0);
    expect(kept[0]).toMatchObject({ correct: true, codeCalls: 1, promptTokens: 300, tokensEstimated: true });
    expect(kept[0]!.response.rounds[0].result).toBe('\nCode Execution Results: ((1+2)*(2+6))\n\n');
    expect(asked).toEqual(['1 2 2 6', '-2, 12, -3', '1 1 10 12']);

    hang = false;
    asked.length = 0;
    const second = await r1ci(...args);
    expect(second.code).toBe(0);
    expect(asked).toEqual(['1 1 10 12', '1, 5, 8']);
    expect(rowsOf(out).map((r) => r.id)).toEqual(['game24/6', 'pooling/2', 'game24/7', 'pooling/3']);
    expect(stable(second.stdout, 'game24').slice(0, 4)).toEqual(['2', '2', '100.0%', '0.50']);
    expect(stable(second.stdout, 'pooling')).toEqual(['2', '1', '50.0%', '0.00', '~12']);
    expect(tableRow(second.stdout, 'mean over tasks (macro)')).toEqual(['75.0%']);
    expect(tableRow(second.stdout, 'pooling')[5]).toMatch(/^~\d+\.\d$/); // tokens/s, measured
  }, 120_000);
});
