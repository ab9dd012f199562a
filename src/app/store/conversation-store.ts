import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Session } from '../state/session';
import { fromStored, sortSessions, toStored } from './serialize';

/**
 * The conversation list in IndexedDB: one record per question session, written as it streams (see
 * SessionSaver) so a reload or crash loses at most the last fraction of a second.
 */
interface R1ciDb extends DBSchema {
  sessions: { key: string; value: Session; indexes: { createdAt: number } };
}

const DB_NAME = 'r1ci-app';
const DB_VERSION = 1;

export class ConversationStore {
  private db: Promise<IDBPDatabase<R1ciDb>> | null = null;

  private open(): Promise<IDBPDatabase<R1ciDb>> {
    this.db ??= openDB<R1ciDb>(DB_NAME, DB_VERSION, {
      upgrade(db) {
        const store = db.createObjectStore('sessions', { keyPath: 'id' });
        store.createIndex('createdAt', 'createdAt');
      },
    });
    return this.db;
  }

  /** Every stored session, newest first; unreadable records are skipped, unfinished ones come back interrupted. */
  async list(): Promise<Session[]> {
    const db = await this.open();
    const raw = await db.getAll('sessions');
    return sortSessions(raw.map(fromStored).filter((s): s is Session => s !== null));
  }

  async put(session: Session): Promise<void> {
    const db = await this.open();
    await db.put('sessions', toStored(session));
  }

  async delete(id: string): Promise<void> {
    const db = await this.open();
    await db.delete('sessions', id);
  }
}

/**
 * Saves a live session at most once per `intervalMs` while it streams, and at once when asked to flush
 * (the session ended, the page is being hidden). Saves never overlap; the last state always wins.
 */
export class SessionSaver {
  private pending: Session | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<ConversationStore, 'put'>,
    private readonly intervalMs = 300,
    private readonly onError: (err: unknown) => void = (err) => console.error('saving the conversation failed', err),
  ) {}

  schedule(session: Session): void {
    this.pending = session;
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const session = this.pending;
    this.pending = null;
    if (session) {
      // Snapshot now (synchronously), write after any write in progress.
      const snapshot = toStored(session);
      this.writing = this.writing.then(() => this.store.put(snapshot)).catch(this.onError);
    }
    await this.writing;
  }
}
