/**
 * Benchmark data: SymBench JSONL (one `{"id", "task", "question", "solution"}` object per line), read from
 * text so the command line (files) and the app (a picked file or a URL) share it. Pure: no DOM, no Node.
 *
 * The content is untrusted: a line that is not a usable record is reported and skipped, never thrown.
 */
import type { BenchRecord } from './scorers/types';

export type { BenchRecord };

/** A line that could not be used, with where it was and why. */
export interface DatasetProblem {
  source: string;
  line: number;
  message: string;
}

export interface Dataset {
  records: BenchRecord[];
  problems: DatasetProblem[];
}

/**
 * Reads JSONL text. Blank lines are skipped; a leading byte-order mark is ignored; `id` may be a number
 * (kept as its string). A second record with an id already read is a problem (the first one wins), since
 * results and resume are keyed by id.
 */
export function parseDataset(text: string, source = 'data', seen: Set<string> = new Set()): Dataset {
  const records: BenchRecord[] = [];
  const problems: DatasetProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    const problem = (message: string) => problems.push({ source, line, message });
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      return problem(`not valid JSON (${(err as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem('expected a JSON object with "id", "task", "question" and "solution"');
    const item = value as Record<string, unknown>;
    const id = typeof item.id === 'number' && Number.isFinite(item.id) ? String(item.id) : item.id;
    if (typeof id !== 'string' || id === '') return problem('"id" must be a non-empty string');
    if (typeof item.task !== 'string' || item.task === '') return problem(`record ${id}: "task" must be a non-empty string`);
    if (typeof item.question !== 'string' || item.question.trim() === '') return problem(`record ${id}: "question" must be a non-empty string`);
    if (item.solution === undefined) return problem(`record ${id}: "solution" is missing`);
    if (seen.has(id)) return problem(`record ${id} appears again; the first one is kept`);
    seen.add(id);
    records.push({ id, task: item.task, question: item.question, solution: item.solution });
  });
  return { records, problems };
}

/** Several files read as one dataset, in the order given (ids unique across all of them). */
export function parseDatasets(files: readonly { text: string; source: string }[]): Dataset {
  const seen = new Set<string>();
  const records: BenchRecord[] = [];
  const problems: DatasetProblem[] = [];
  for (const file of files) {
    const part = parseDataset(file.text, file.source, seen);
    records.push(...part.records);
    problems.push(...part.problems);
  }
  return { records, problems };
}

/** Task names in the dataset with their question counts, sorted by name. */
export function taskCounts(records: readonly BenchRecord[]): { task: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const record of records) counts.set(record.task, (counts.get(record.task) ?? 0) + 1);
  return [...counts].map(([task, count]) => ({ task, count })).sort((a, b) => a.task.localeCompare(b.task));
}

/** "3 lines could not be used: data.jsonl line 4: not valid JSON (...); ..." (at most `max` listed). */
export function describeProblems(problems: readonly DatasetProblem[], max = 3): string {
  if (problems.length === 0) return '';
  const listed = problems.slice(0, max).map((p) => `${p.source} line ${p.line}: ${p.message}`);
  const more = problems.length > max ? `; and ${problems.length - max} more` : '';
  return `${problems.length} line${problems.length > 1 ? 's' : ''} could not be used: ${listed.join('; ')}${more}`;
}
