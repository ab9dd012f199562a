/**
 * One captured output stream: keeps at most `cap` characters and counts all of them, so a script that
 * floods its output cannot grow memory without bound while the results can still say how much was cut.
 */
export class CappedText {
  text = '';
  total = 0;

  constructor(readonly cap: number) {}

  /** Adds `chunk`; returns the part that was kept ('' once the cap is reached). */
  append(chunk: string): string {
    this.total += chunk.length;
    const room = this.cap - this.text.length;
    if (room <= 0) return '';
    const kept = chunk.length <= room ? chunk : chunk.slice(0, room);
    this.text += kept;
    return kept;
  }
}

/**
 * Batches live output for a listener on the other side of a thread boundary: a Python loop printing
 * one character at a time must not post one message per character. Only kept text is forwarded.
 */
export class OutputBatcher {
  private pending: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  private lastFlush = 0;
  private inFlight: Promise<unknown>[] = [];

  constructor(
    private readonly listener: ((stream: 'stdout' | 'stderr', text: string) => unknown) | undefined,
    private readonly intervalMs = 50,
  ) {}

  push(stream: 'stdout' | 'stderr', text: string): void {
    if (!this.listener || text === '') return;
    const last = this.pending[this.pending.length - 1];
    if (last && last.stream === stream) last.text += text;
    else this.pending.push({ stream, text });
    const now = Date.now();
    if (now - this.lastFlush >= this.intervalMs) this.flush(now);
  }

  flush(now = Date.now()): void {
    this.lastFlush = now;
    if (!this.listener) return;
    for (const { stream, text } of this.pending) {
      try {
        // A comlink proxy returns a promise that settles once the host has the text.
        const sent = this.listener(stream, text);
        if (sent instanceof Promise) this.inFlight.push(sent.catch(() => undefined));
      } catch {
        /* the page went away: output is still captured for the result */
      }
    }
    this.pending = [];
  }

  /**
   * Flushes, then waits (at most `limitMs`) until the host has received every piece, so the run's
   * result (sent on another channel) cannot overtake its last output.
   */
  async drain(limitMs = 1000): Promise<void> {
    this.flush();
    const sent = this.inFlight;
    this.inFlight = [];
    if (sent.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.all(sent), new Promise((resolve) => (timer = setTimeout(resolve, limitMs)))]);
    clearTimeout(timer);
  }
}
