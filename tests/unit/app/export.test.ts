import { describe, expect, it } from 'vitest';
import { validateReplayFile } from '../../../src/engines/replay-file';
import { applyLoopEvent } from '../../../src/app/state/session';
import { exportFileName, sessionToExport, sessionToJson, sessionToMarkdown } from '../../../src/app/state/export';
import { makeSession } from './helpers';

function answered(source?: Parameters<typeof makeSession>[0]) {
  const s = makeSession(source);
  applyLoopEvent(s, { type: 'round-start', round: 0 }, 1);
  applyLoopEvent(s, { type: 'text', round: 0, delta: 'Compute:\n```python\nprint("```")\n```' }, 2);
  applyLoopEvent(s, { type: 'exec-start', round: 0, code: 'print("```")\n' }, 3);
  applyLoopEvent(s, { type: 'exec-end', round: 0, result: { status: 'ok', stdout: '```\n', stderr: '', stdoutChars: 4, stderrChars: 0, durationMs: 5 }, resultText: '' }, 4);
  applyLoopEvent(s, { type: 'round-start', round: 1 }, 5);
  applyLoopEvent(s, { type: 'text', round: 1, delta: 'So <<<42>>>' }, 6);
  applyLoopEvent(s, { type: 'done', outcome: { prompt: '', transcript: '', rounds: [], answer: '42', stop: 'answer', totals: { completionTokens: 1, promptTokens: 1, codeCalls: 1, elapsedMs: 1 } } }, 7);
  return s;
}

describe('Markdown export', () => {
  it('holds the question, each round, the code results and the answer', () => {
    const md = sessionToMarkdown(answered());
    expect(md).toContain('## Question\n\nWhat is 6*7? Return <<<n>>>.');
    expect(md).toContain('## Round 1\n\nCompute:\n```python\nprint("```")\n```');
    expect(md).toContain('**Code execution results** (ok, 5 ms):');
    // Output holding ``` is fenced with a longer fence, so it cannot close the block early.
    expect(md).toContain('````text\n```\n````');
    expect(md).toContain('## Answer\n\n```text\n42\n```');
    expect(md).toContain('- Status: answered');
    expect(md).toContain('temperature 0.6, token budget 4096, code-call cap 8, time limit 60 s');
    expect(md).not.toMatch(/Recording/);
  });

  it('labels a recording as such at the top', () => {
    const md = sessionToMarkdown(answered({ source: { kind: 'recording', label: 'Game of 24', origin: 'demos/game24.json' } }));
    expect(md.split('\n')[2]).toMatch(/^> \*\*Recording \(Game of 24\): pre-written model text played back, not live output of a model/);
    expect(md).toContain('- Source: recording Game of 24');
  });

  it('says when there is no answer and why the session ended', () => {
    const s = makeSession({ status: 'interrupted' });
    const md = sessionToMarkdown(s);
    expect(md).toContain('_No answer._');
    expect(md).toContain('interrupted');
  });
});

describe('JSON export', () => {
  it('keeps the whole session, marks recordings, and is itself a valid replay file', () => {
    const s = answered({ source: { kind: 'recording', label: 'demo', origin: 'x' } });
    const data = JSON.parse(sessionToJson(s, Date.UTC(2026, 0, 2)));
    expect(data).toMatchObject({ format: 'r1ci-session', version: 1, recording: true, exportedAt: '2026-01-02T00:00:00.000Z', answer: '42' });
    expect(data.notice).toMatch(/not live output/);
    expect(data.session).toEqual(JSON.parse(JSON.stringify(s)));
    const replay = validateReplayFile(data, 'export');
    expect(replay.question).toBe(s.question);
    expect(replay.rounds).toEqual(s.rounds.map((r) => r.text));
    expect(sessionToExport(answered(), 0).recording).toBe(false);
  });

  it('names files after the question', () => {
    const s = makeSession({ createdAt: Date.UTC(2026, 10, 27) });
    expect(exportFileName(s, 'md')).toBe('what-is-6-7-return-n-2026-11-27.md');
    expect(exportFileName({ ...s, source: { kind: 'recording', label: 'x', origin: 'y' }, question: '???' }, 'json')).toBe('recording-session-2026-11-27.json');
  });
});
