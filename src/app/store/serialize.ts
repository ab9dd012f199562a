import { markInterrupted, type Session } from '../state/session';

/**
 * What goes into and comes out of the conversation store. Reading is defensive: a record written by an
 * older version or damaged by hand is skipped rather than crashing the app, and a session that was still
 * running when the page died comes back marked "interrupted" with everything that had streamed.
 */
export function toStored(session: Session): Session {
  // A plain deep copy: the live session keeps changing while IndexedDB clones it asynchronously.
  return JSON.parse(JSON.stringify(session)) as Session;
}

export function fromStored(raw: unknown): Session | null {
  if (!isSessionLike(raw)) return null;
  const session = raw as Session;
  for (const round of session.rounds) {
    round.text = typeof round.text === 'string' ? round.text : '';
    round.pieces = typeof round.pieces === 'number' ? round.pieces : 0;
    if (round.run && !Array.isArray(round.run.output)) round.run.output = [];
  }
  return markInterrupted(session);
}

/** Newest first, as the conversation list shows them. */
export function sortSessions(sessions: Session[]): Session[] {
  return [...sessions].sort((a, b) => b.createdAt - a.createdAt);
}

/** A short title for the list: the question's first line. */
export function sessionTitle(session: Session): string {
  const line = session.question.trim().split('\n')[0] ?? '';
  return line.length > 80 ? line.slice(0, 79) + '…' : line || '(empty question)';
}

function isSessionLike(raw: unknown): boolean {
  if (!raw || typeof raw !== 'object') return false;
  const r = raw as Record<string, unknown>;
  return (
    r.version === 1 &&
    typeof r.id === 'string' &&
    typeof r.question === 'string' &&
    typeof r.createdAt === 'number' &&
    Array.isArray(r.rounds) &&
    typeof r.status === 'string' &&
    !!r.source && typeof r.source === 'object' &&
    !!r.settings && typeof r.settings === 'object'
  );
}
