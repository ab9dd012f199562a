/**
 * The paper's reported accuracies (R1CI-PROTOCOL.md, "Reported accuracy"): averages over its 37 held-out
 * tasks only. Per-task figures were not in what could be read, so none are given here (none invented);
 * the app draws these as reference lines beside the per-task bars. R1-CI-3B's own average is unpublished.
 */
export interface ReferenceFigure {
  system: string;
  /** Paper version the figure comes from. */
  version: 'v1 (May 2025)' | 'v2 (ICLR 2026)';
  /** Average accuracy over the 37 held-out tasks, 0..1. */
  average: number;
}

export const PAPER_AVERAGES: readonly ReferenceFigure[] = [
  { system: 'R1-CI-14B', version: 'v1 (May 2025)', average: 0.641 },
  { system: 'R1-CI-14B', version: 'v2 (ICLR 2026)', average: 0.724 },
  { system: 'GPT-4o, text only', version: 'v1 (May 2025)', average: 0.586 },
  { system: 'GPT-4o with Code Interpreter', version: 'v1 (May 2025)', average: 0.709 },
];

/** What the figures are and are not, for a caption. */
export const REFERENCE_NOTE =
  'Paper figures are averages over its 37 held-out tasks (not only these SymBench tasks); per-task figures are not known here. R1-CI-3B\u2019s own average is not published; the released checkpoints predate v2, so v1-level accuracy is the expectation.';
