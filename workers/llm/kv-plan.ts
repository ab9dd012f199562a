/**
 * Planning KV-cache reuse between calls. The cache holds the token ids forwarded so far; a new call
 * brings the whole prompt again. Only the part after the longest common prefix has to be processed.
 *
 * Why compare token ids and not text: the loop cuts a round after a closing fence and appends the
 * execution results, and the re-tokenised text need not split where the sampled tokens did (BPE may
 * merge "```" with the "\n" that follows). Comparing ids makes the cache always equal to
 * tokenize(prompt)[0..keep), which is exactly what a fresh run would have seen.
 */
export interface PrefillPlan {
  /** Clear the cache instead of rolling back (no rollback support, or nothing reusable). */
  reset: boolean;
  /** Tokens to pop from the end of the cache (0 when resetting). */
  rollback: number;
  /** Prompt tokens served from the cache. */
  keep: number;
  /** Prompt tokens to prefill now (never empty: sampling needs the logits of the last prompt token). */
  prefill: number[];
}

export function commonPrefixLength(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a[i] === b[i]) i++;
  return i;
}

/**
 * @param cached ids the KV cache holds, in order
 * @param prompt ids of the new prompt (not empty)
 * @param canRollback whether tokens can be popped from the cache's end
 */
export function planPrefill(cached: readonly number[], prompt: readonly number[], canRollback: boolean): PrefillPlan {
  if (prompt.length === 0) throw new Error('planPrefill: the prompt has no tokens');
  // Keep at least one prompt token to forward: the next token is sampled from its logits.
  let keep = Math.min(commonPrefixLength(cached, prompt), prompt.length - 1);
  let rollback = cached.length - keep;
  let reset = false;
  if (rollback > 0 && (!canRollback || keep === 0)) {
    // Popping everything is a reset; without popN any mismatch is one too.
    reset = cached.length > 0;
    keep = 0;
    rollback = 0;
  }
  return { reset, rollback, keep, prefill: prompt.slice(keep) };
}
