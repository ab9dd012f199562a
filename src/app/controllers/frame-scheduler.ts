/**
 * Coalesces many change notifications (one per streamed token) into at most one callback per frame.
 * Falls back to a timer, since a hidden tab gets no animation frames but must still save and catch up.
 */
export class FrameScheduler {
  private scheduled = false;

  constructor(private readonly callback: () => void, private readonly fallbackMs = 100) {}

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      this.scheduled = false;
      this.callback();
    };
    requestAnimationFrame(run);
    setTimeout(run, this.fallbackMs);
  }
}
