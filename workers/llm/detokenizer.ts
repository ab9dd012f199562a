/**
 * Streaming ids to text without breaking characters. A byte-level BPE token can end in the middle of
 * a UTF-8 sequence (an emoji or a CJK character spans 2-4 tokens); decoding it alone yields U+FFFD.
 * This keeps a small window (the approach of Hugging Face's text-generation-inference): text is
 * released only once the window decodes without a trailing replacement character, and only the part
 * beyond what was already released.
 */
export type DecodeIds = (ids: readonly number[]) => string;

const REPLACEMENT = '\uFFFD';

export class IncrementalDetokenizer {
  private readonly ids: number[] = [];
  /** Start of the window: decoding from here is stable (a character boundary). */
  private prefixOffset = 0;
  /** End of what has been released as text. */
  private readOffset = 0;

  constructor(private readonly decode: DecodeIds) {}

  /** Adds one token; returns the newly complete text ('' while a character is still incomplete). */
  push(id: number): string {
    this.ids.push(id);
    const released = this.decode(this.ids.slice(this.prefixOffset, this.readOffset));
    const current = this.decode(this.ids.slice(this.prefixOffset));
    if (current.length > released.length && !current.endsWith(REPLACEMENT) && current.startsWith(released)) {
      this.prefixOffset = this.readOffset;
      this.readOffset = this.ids.length;
      return current.slice(released.length);
    }
    return '';
  }

  /** At the end: whatever is still held back (an unfinished sequence decodes as U+FFFD, as a full decode would). */
  flush(): string {
    const released = this.decode(this.ids.slice(this.prefixOffset, this.readOffset));
    const current = this.decode(this.ids.slice(this.prefixOffset));
    this.prefixOffset = this.readOffset = this.ids.length;
    return current.startsWith(released) ? current.slice(released.length) : '';
  }

  get tokenCount(): number {
    return this.ids.length;
  }
}
