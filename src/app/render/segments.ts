/**
 * Splits a round's model text into what the UI draws: prose (rendered as sanitised markdown) and fenced
 * code blocks (drawn as code cells). Pure, so it is tested in Node and cheap enough to run on every frame
 * while text streams.
 */
export type Segment =
  | { kind: 'prose'; text: string }
  | { kind: 'code'; language: string; code: string; closed: boolean };

const FENCE_OPEN = /^\s*```\s*([\w+-]*)[^\n]*$/;
const FENCE_CLOSE = /^\s*```\s*$/;

export function splitSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  const lines = text.split('\n');
  let prose: string[] = [];
  let code: string[] | null = null;
  let language = '';
  const flushProse = () => {
    const joined = prose.join('\n');
    if (joined.trim() !== '') segments.push({ kind: 'prose', text: joined });
    prose = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (code === null) {
      const open = FENCE_OPEN.exec(line);
      if (open) {
        flushProse();
        code = [];
        language = open[1]!.toLowerCase();
      } else {
        prose.push(lines[i]!);
      }
    } else if (FENCE_CLOSE.test(line)) {
      segments.push({ kind: 'code', language, code: code.join('\n'), closed: true });
      code = null;
    } else {
      code.push(line);
    }
  }
  if (code !== null) segments.push({ kind: 'code', language, code: code.join('\n'), closed: false });
  else flushProse();
  return segments;
}

/**
 * Splits prose into markdown blocks at blank lines, so that while text streams only the last block is
 * parsed again; the blocks before it are unchanged strings whose rendering is cached.
 */
export function splitBlocks(prose: string): string[] {
  return prose.split(/\n[ \t]*\n/).filter((b) => b.trim() !== '');
}

/** Whether a code block's language is one the loop runs (the protocol's list, compared case-insensitively). */
export function isRunnable(language: string, runnableLanguages: readonly string[]): boolean {
  return runnableLanguages.some((l) => l.toLowerCase() === language.toLowerCase());
}
