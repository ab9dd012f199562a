/**
 * Sends generated text to the page with at most one call in flight. When the page answers quickly,
 * every token goes out alone (lowest latency); when it is busy (rendering, garbage collection), the
 * text that piles up meanwhile goes out as one batch, so the model never waits for the page. A
 * `false` answer asks for a stop, seen by the generation loop at its next token; nothing more is sent
 * after it.
 */
export type Deliver = (text: string) => boolean | void | Promise<boolean | void>;

export class BatchedTextSink {
  private pending = '';
  private pumping: Promise<void> | null = null;
  private failure: unknown = undefined;
  stopRequested = false;
  /** Calls made to `deliver`, for figures and tests. */
  deliveries = 0;

  constructor(private readonly deliver: Deliver) {}

  push(text: string): void {
    if (this.stopRequested || text === '') return;
    this.pending += text;
    if (!this.pumping) this.pumping = this.pump();
  }

  /** Waits until everything pushed has been delivered (or a stop/failure dropped it); rethrows a delivery failure. */
  async flush(): Promise<void> {
    while (this.pumping) await this.pumping;
    if (this.failure !== undefined) throw this.failure;
  }

  private async pump(): Promise<void> {
    // Start after `push` has stored this promise: a synchronous throw must not clear `pumping` first.
    await Promise.resolve();
    try {
      while (this.pending && !this.stopRequested) {
        const batch = this.pending;
        this.pending = '';
        this.deliveries++;
        try {
          if ((await this.deliver(batch)) === false) this.stopRequested = true;
        } catch (err) {
          // The page's callback threw or its end of the channel is gone: stop, and report it at the end.
          this.failure = err;
          this.stopRequested = true;
        }
      }
    } finally {
      this.pumping = null;
    }
  }
}
