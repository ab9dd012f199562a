/**
 * Server-sent events, as OpenAI-compatible servers stream them: `data: {...}` lines, events ended by a
 * blank line, and a final `data: [DONE]`. Network chunks split lines anywhere (inside `data:`, between
 * `\r` and `\n`), so the decoder keeps what it has not yet seen end.
 *
 * Pure: used by the openai engine in both the browser and Node.
 */

export interface SseEvent {
  /** The `event:` field; "message" when absent. */
  event: string;
  /** The `data:` lines joined with newlines. */
  data: string;
}

export class SseDecoder {
  private buffer = '';
  private dataLines: string[] = [];
  private eventName = '';
  /** A `\r` ended the last chunk: a `\n` starting the next one belongs to the same line break. */
  private pendingCr = false;

  /** Feeds decoded text; returns the events it completed. */
  push(text: string): SseEvent[] {
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A lone `\r` at the very end may be the first half of `\r\n`.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) {
        this.pendingCr = true;
      }
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  /** The stream ended: an event not yet ended by a blank line still counts (some servers omit it). */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.buffer !== '') {
      const event = this.line(this.buffer);
      this.buffer = '';
      if (event) events.push(event);
    }
    const last = this.dispatch();
    if (last) events.push(last);
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
    // llama.cpp's server has sent errors as `error: {...}` lines rather than as data.
    else if (field === 'error') {
      this.eventName = 'error';
      this.dataLines.push(value);
    }
    return null;
  }

  private dispatch(): SseEvent | null {
    if (this.dataLines.length === 0) {
      this.eventName = '';
      return null;
    }
    const event = { event: this.eventName || 'message', data: this.dataLines.join('\n') };
    this.dataLines = [];
    this.eventName = '';
    return event;
  }
}
