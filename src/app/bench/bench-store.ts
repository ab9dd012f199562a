import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { restoreRun, type StoredBenchRun } from './bench-run';

/**
 * The Benchmark view's run in IndexedDB (its own database, apart from the conversations): written after
 * every finished question, so a reload or a crash loses at most the question in progress.
 */
interface BenchDb extends DBSchema {
  runs: { key: string; value: StoredBenchRun };
}

const DB_NAME = 'r1ci-bench';
const DB_VERSION = 1;

export class BenchStore {
  private db: Promise<IDBPDatabase<BenchDb>> | null = null;

  private open(): Promise<IDBPDatabase<BenchDb>> {
    this.db ??= openDB<BenchDb>(DB_NAME, DB_VERSION, {
      upgrade(db) {
        db.createObjectStore('runs', { keyPath: 'id' });
      },
    });
    return this.db;
  }

  /** The kept run, or null when there is none (or it cannot be read). */
  async load(): Promise<StoredBenchRun | null> {
    const db = await this.open();
    return restoreRun(await db.get('runs', 'current'));
  }

  async save(run: StoredBenchRun): Promise<void> {
    const db = await this.open();
    // A structured clone of plain data: rows and plan are JSON-shaped already.
    await db.put('runs', JSON.parse(JSON.stringify(run)) as StoredBenchRun);
  }

  async clear(): Promise<void> {
    const db = await this.open();
    await db.delete('runs', 'current');
  }
}
