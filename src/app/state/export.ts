import type { Session, SessionRound } from './session';
import { formatDuration } from './stats';

/**
 * Exports of a session. Markdown is for reading and sharing; JSON keeps everything and is also a replay
 * file (`question` + `rounds` as the model's texts), so a shared export plays back with `?replay=`.
 * A recording is labelled as such in both, so an export can never pass for live model output.
 */
export const EXPORT_FORMAT = 'r1ci-session';

export function recordingNotice(session: Session): string | null {
  return session.source.kind === 'recording'
    ? `Recording (${session.source.label}): pre-written model text played back, not live output of a model. The Python ran for real.`
    : null;
}

export function sessionToMarkdown(session: Session): string {
  const lines: string[] = [];
  lines.push(`# ${firstLine(session.question) || 'Question'}`, '');
  const notice = recordingNotice(session);
  if (notice) lines.push(`> **${notice}**`, '');
  const s = session.settings;
  lines.push(
    `- Source: ${session.source.kind === 'recording' ? 'recording ' + session.source.label : session.source.label}`,
    `- Date: ${new Date(session.createdAt).toISOString()}`,
    `- Settings: temperature ${s.temperature}, token budget ${s.maxNewTokens}, code-call cap ${s.maxCodeCalls}, time limit ${s.timeLimitSeconds} s`,
    `- Status: ${statusWords(session)}`,
    '',
    '## Question',
    '',
    session.question,
    '',
  );
  for (const round of session.rounds) {
    lines.push(`## Round ${round.round + 1}`, '', round.text.trimEnd(), '');
    if (round.run) lines.push(...runMarkdown(round), '');
  }
  lines.push('## Answer', '', session.answer === null ? '_No answer._' : fenced(session.answer, 'text'), '');
  return lines.join('\n');
}

export interface SessionExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  /** True when the model text is a recording, never a live model. */
  recording: boolean;
  notice: string | null;
  question: string;
  /** The model's text per round, as a replay file holds them. */
  rounds: string[];
  answer: string | null;
  session: Session;
}

export function sessionToExport(session: Session, now: number): SessionExport {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: new Date(now).toISOString(),
    recording: session.source.kind === 'recording',
    notice: recordingNotice(session),
    question: session.question,
    rounds: session.rounds.map((r) => r.text),
    answer: session.answer,
    session,
  };
}

export function sessionToJson(session: Session, now: number): string {
  return JSON.stringify(sessionToExport(session, now), null, 2) + '\n';
}

/** A file name from the question: lower-case words joined by dashes, safe on every file system. */
export function exportFileName(session: Session, extension: 'md' | 'json'): string {
  const slug = firstLine(session.question).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48);
  const prefix = session.source.kind === 'recording' ? 'recording-' : '';
  return `${prefix}${slug || 'session'}-${new Date(session.createdAt).toISOString().slice(0, 10)}.${extension}`;
}

export function statusWords(session: Session): string {
  switch (session.status) {
    case 'running': return 'running';
    case 'stopped': return 'stopped by the user';
    case 'interrupted':
      // A worker that died says why; otherwise the page itself went away mid-answer.
      return session.error ? `interrupted: ${session.error.message}` : 'interrupted (the page was closed or reloaded while it ran)';
    case 'error': return `failed: ${session.error?.message ?? 'unknown error'}`;
    case 'done':
      switch (session.stop) {
        case 'answer': return 'answered';
        case 'eos': return 'ended without an answer';
        case 'max_calls': return 'stopped at the code-call cap';
        case 'max_tokens': return 'stopped at the token budget';
        default: return 'done';
      }
  }
}

function runMarkdown(round: SessionRound): string[] {
  const run = round.run!;
  const output = run.output.map((c) => c.text).join('');
  const head = `**Code execution results** (${run.status}${run.durationMs !== undefined ? ', ' + formatDuration(run.durationMs) : ''}):`;
  return [head, '', fenced(output === '' ? '(no output)' : output, 'text')];
}

/** A fenced block whose fence is longer than any backtick run inside, so content cannot close it early. */
function fenced(text: string, language: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.slice(0, 120);
}
