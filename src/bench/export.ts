/**
 * Exports of a benchmark run: JSON (everything: options, summary, every row with its transcript) and CSV
 * (one line per question, transcript included, for a spreadsheet). Pure: the caller saves the text.
 */
import type { BenchResultRow } from './results';
import { RESULTS_FORMAT } from './results';
import { summarizeRows, type BenchSummary } from './summary';

export interface BenchRunInfo {
  /** Where the questions came from (file names or URL). */
  dataset: string;
  /** What produced the answers ("Recording: ...", a model name). */
  engine: string;
  recording: boolean;
  tasks: string[];
  limitPerTask: number | null;
  seed: number | null;
  /** Questions planned (the export may hold fewer when the run is unfinished). */
  planned: number;
  startedAt: string;
}

export interface BenchExport {
  format: typeof RESULTS_FORMAT;
  version: 1;
  exportedAt: string;
  run: BenchRunInfo;
  summary: BenchSummary;
  results: BenchResultRow[];
}

export function toJsonExport(run: BenchRunInfo, rows: readonly BenchResultRow[], exportedAt: Date): string {
  const data: BenchExport = { format: RESULTS_FORMAT, version: 1, exportedAt: exportedAt.toISOString(), run, summary: summarizeRows(rows), results: [...rows] };
  return JSON.stringify(data, null, 2) + '\n';
}

export const CSV_COLUMNS = [
  'id', 'task', 'correct', 'extracted', 'reason', 'stop', 'code_calls', 'completion_tokens', 'prompt_tokens',
  'tokens_estimated', 'elapsed_ms', 'generation_ms', 'tokens_per_s', 'engine', 'finished_at', 'transcript',
] as const;

export function toCsv(rows: readonly BenchResultRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const cells: (string | number | boolean | null | undefined)[] = [
      r.id, r.task, r.correct, r.extracted, r.reason, r.stop, r.codeCalls, r.completionTokens, r.promptTokens,
      r.tokensEstimated, Math.round(r.elapsedMs), Math.round(r.generationMs), r.tokensPerSecond === null ? null : Number(r.tokensPerSecond.toFixed(2)),
      r.engine, r.finishedAt, r.response.transcript,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * RFC 4180 quoting. Text from the benchmark or the model is untrusted: a cell a spreadsheet would run as a
 * formula (starting with = + - @, tab or carriage return) gets a leading apostrophe, except plain numbers.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Reads CSV text made by `toCsv` (or any RFC 4180 CSV) back into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}
