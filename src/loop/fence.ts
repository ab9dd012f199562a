/**
 * Streaming detection of the first complete runnable code block in one round of model text.
 *
 * The protocol's rule: stop as soon as the round's text holds a line opening with ```python and a later
 * line that is just ```; cut the text right after that closing fence. Fed arbitrary pieces of text (a
 * fence may be split across tokens), the detector says how much of each piece to keep and when a block
 * is complete. Lines are judged whole, so a line is decided only once its newline arrives (or at the end
 * of the round).
 *
 * Following CommonMark: a fence line may be indented; a block opened with N backticks closes only on a
 * line of at least N backticks and nothing else; an opener's info string decides the language. Blocks
 * opened with another language or none (a bare ```) are passed over: they never run, and their content
 * cannot open or close anything.
 */
export interface FenceRule {
  /** Info strings that open a runnable block, compared case-insensitively. */
  runnableLanguages: string[];
  /** The fence marker, three backticks. */
  marker: string;
}

export interface CodeBlock {
  /** The script, lines joined with \n, the opener's indentation removed. */
  code: string;
  /** The opener's info string as written (e.g. `Python`). */
  language: string;
}

export interface PushResult {
  /** The part of this piece that belongs to the round's kept text. */
  kept: string;
  /** Set once, on the piece that completes the first runnable block. */
  block?: CodeBlock;
}

interface OpenBlock {
  fenceLength: number;
  indent: number;
  language: string;
  runnable: boolean;
  lines: string[];
}

export class FenceDetector {
  private text = '';
  private lineStart = 0;
  private open: OpenBlock | null = null;
  private done = false;
  private readonly runnable: Set<string>;
  private readonly markerChar: string;
  private readonly minFence: number;

  constructor(rule: FenceRule) {
    this.runnable = new Set(rule.runnableLanguages.map((l) => l.toLowerCase()));
    this.markerChar = rule.marker[0];
    this.minFence = rule.marker.length;
  }

  /** The kept text of the round so far. */
  get keptText(): string {
    return this.text;
  }

  /** True when the round ended (or may end) inside an open block: such a block never runs. */
  get insideBlock(): boolean {
    return this.open !== null;
  }

  /** Feed the next piece of text. After a block completes, further pieces are dropped entirely. */
  push(piece: string): PushResult {
    if (this.done || piece === '') return { kept: '' };
    const before = this.text.length;
    this.text += piece;
    let newline: number;
    while ((newline = this.text.indexOf('\n', this.lineStart)) >= 0) {
      const block = this.takeLine(this.text.slice(this.lineStart, newline));
      if (block) {
        // Cut right after the closing fence line's content: its newline and everything later is dropped.
        this.text = this.text.slice(0, newline);
        this.done = true;
        return { kept: this.text.slice(before), block };
      }
      this.lineStart = newline + 1;
    }
    return { kept: piece };
  }

  /** The round ended (end-of-sequence): judge the last, unterminated line. */
  end(): CodeBlock | undefined {
    if (this.done) return undefined;
    this.done = true;
    if (this.lineStart >= this.text.length) return undefined;
    return this.takeLine(this.text.slice(this.lineStart));
  }

  /** Judges one whole line; returns the block when this line closes a runnable one. */
  private takeLine(rawLine: string): CodeBlock | undefined {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const fence = this.parseFence(line);
    const open = this.open;
    if (open) {
      if (fence && fence.info === '' && fence.length >= open.fenceLength) {
        this.open = null;
        if (open.runnable) return { code: open.lines.join('\n'), language: open.language };
        return undefined;
      }
      if (open.runnable) open.lines.push(stripIndent(line, open.indent));
      return undefined;
    }
    if (fence) {
      const language = fence.info.split(/\s+/)[0];
      this.open = {
        fenceLength: fence.length,
        indent: fence.indent,
        language,
        runnable: this.runnable.has(language.toLowerCase()),
        lines: [],
      };
    }
    return undefined;
  }

  private parseFence(line: string): { indent: number; length: number; info: string } | null {
    const indent = line.length - line.trimStart().length;
    let length = 0;
    while (line[indent + length] === this.markerChar) length++;
    if (length < this.minFence) return null;
    const info = line.slice(indent + length).trim();
    // A backtick fence's info string may not contain backticks (CommonMark), so ```print("```") is text.
    if (info.includes(this.markerChar)) return null;
    return { indent, length, info };
  }
}

function stripIndent(line: string, indent: number): string {
  let i = 0;
  while (i < indent && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i);
}
