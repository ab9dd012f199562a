/** Download progress figures: pure, with the clock passed in so the math is tested without waiting. */

export interface DownloadProgress {
  modelId: string;
  /** `checking`: reading config/manifest and the cache; `downloading`; `done`. */
  phase: 'checking' | 'downloading' | 'done';
  /** Bytes in the cache so far, files found there from an earlier run included. */
  bytesDone: number;
  /** Total bytes of the model: exact for shards, learned for the small files as they arrive. */
  bytesTotal: number;
  /** 0..100, one decimal. */
  percent: number;
  /** Bytes per second over the last few seconds of this run; 0 until measurable. */
  bytesPerSecond: number;
  /** Seconds left at the current speed; undefined while the speed is unknown. */
  secondsLeft?: number;
  filesDone: number;
  filesTotal: number;
  /** File names being fetched right now. */
  currentFiles: string[];
}

/**
 * Speed over a sliding window: a plain average since the start would hide a stall or a resumed
 * connection for a long time, a single interval jumps around.
 */
export class SpeedMeter {
  private samples: { at: number; bytes: number }[] = [];
  private total = 0;

  constructor(private readonly windowMs = 5000) {}

  /** Records `bytes` more received at time `at` (ms). */
  add(bytes: number, at: number): void {
    this.total += bytes;
    this.samples.push({ at, bytes: this.total });
    while (this.samples.length > 2 && this.samples[1].at <= at - this.windowMs) this.samples.shift();
  }

  /** Bytes per second at time `now`; 0 when fewer than two samples or under 200 ms of data. */
  bytesPerSecond(now: number): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || this.samples.length < 2) return 0;
    const span = Math.max(now, last.at) - first.at;
    if (span < 200) return 0;
    return ((last.bytes - first.bytes) / span) * 1000;
  }
}

export function percentOf(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.round((done / total) * 1000) / 10);
}

/** Seconds left, rounded up; undefined when the speed is 0 (unknown). */
export function secondsLeft(done: number, total: number, bytesPerSecond: number): number | undefined {
  if (bytesPerSecond <= 0) return undefined;
  return Math.ceil(Math.max(0, total - done) / bytesPerSecond);
}

/** "1.2 MB/s", "850 kB/s". */
export function formatSpeed(bytesPerSecond: number): string {
  if (bytesPerSecond >= 1e6) return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
  return `${Math.round(bytesPerSecond / 1e3)} kB/s`;
}

/** "2 h 5 min", "4 min 10 s", "12 s"; "" when unknown. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${s} s`;
}
