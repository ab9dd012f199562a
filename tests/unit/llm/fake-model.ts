import type { SamplingValues } from '../../../models/protocol';
import type { TokenModel } from '../../../workers/llm/generation';

/**
 * A byte-level fake of a BPE model: each UTF-8 byte is a token, except that "ab" encodes as one merged
 * token (MERGED_AB) so re-tokenised text can differ from the tokens that were sampled, as with real BPE.
 * The KV cache is an array of ids; `forward` appends and returns the next id of a script.
 */
export const MERGED_AB = 300;
export const EOS = 999;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class FakeModel implements TokenModel {
  kv: number[] = [];
  forwards: { ids: number[]; isPrefill: boolean }[] = [];
  popped: number[] = [];
  resets = 0;
  sampling: SamplingValues | undefined;
  failNextForward = false;

  prefillChunkSize = 1024;

  constructor(
    private script: number[],
    readonly canRollback = true,
    readonly contextWindow = 4096,
  ) {}

  async forwardPrefix(ids: number[]): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.forwards.push({ ids: [...ids], isPrefill: true });
    this.kv.push(...ids);
  }

  /** What the model will "sample" from now on (replacing anything it had not said yet). */
  sayNext(text: string, end = true): void {
    this.script = [];
    this.willSay(text, end);
  }

  /** Queue what the model will "sample" next. */
  willSay(text: string, end = true): void {
    this.script.push(...encodeBytes(text), ...(end ? [EOS] : []));
  }

  encode(text: string): number[] {
    const out: number[] = [];
    const bytes = encodeBytes(text);
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x61 && bytes[i + 1] === 0x62) {
        out.push(MERGED_AB);
        i++;
      } else out.push(bytes[i]);
    }
    return out;
  }

  decode(ids: readonly number[]): string {
    const bytes: number[] = [];
    for (const id of ids) {
      if (id === MERGED_AB) bytes.push(0x61, 0x62);
      else if (id < 256) bytes.push(id);
    }
    return decoder.decode(new Uint8Array(bytes));
  }

  beginRound(sampling: SamplingValues): void {
    this.sampling = sampling;
  }

  async forward(ids: number[], isPrefill: boolean): Promise<number> {
    // A real forward awaits the GPU: yield to the event loop so page callbacks can answer meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (this.failNextForward) {
      this.failNextForward = false;
      this.kv.push(ids[0]); // half-done: the cache now holds part of the input
      throw new Error('GPU error');
    }
    this.forwards.push({ ids: [...ids], isPrefill });
    this.kv.push(...ids);
    if (this.kv.length > this.contextWindow) throw new Error('KV cache overflow');
    return this.script.shift() ?? EOS;
  }

  popN(n: number): boolean {
    if (!this.canRollback) return false;
    this.popped.push(n);
    this.kv.splice(this.kv.length - n, n);
    return true;
  }

  resetCache(): void {
    this.resets++;
    this.kv = [];
  }
}

function encodeBytes(text: string): number[] {
  return [...encoder.encode(text)];
}
