/**
 * Scorers for the SymBench tasks, by task name. Each task module judges an extracted answer; this module
 * turns a response into the model's own text, extracts the last `<<<...>>>` and turns every failure into
 * a wrong verdict with a reason, so scoring never throws.
 */
import { extractAnswer } from '../../loop/answer';
import { modelText } from '../response';
import type { BenchRecord, Judge, Verdict } from './types';
import { judge as judge2048 } from './2048';
import { judge as cryptanalysis } from './cryptanalysis';
import { judge as mahjong_pattern } from './mahjong_pattern';
import { judge as matrix_transformation } from './matrix_transformation';
import { judge as pattern_recognition } from './pattern_recognition';
import { judge as statistical_counting } from './statistical_counting';
import { judge as string_insertion } from './string_insertion';
import { judge as string_deletion_and_modification } from './string_deletion_and_modification';
import { judge as string_splitting } from './string_splitting';
import { judge as string_synthesis } from './string_synthesis';
import { judge as pooling } from './pooling';
import { judge as new_operator } from './new_operator';
import { judge as light_puzzles } from './light_puzzles';
import { judge as reversi } from './reversi';
import { judge as synthesis_decomposition } from './synthesis_decomposition';
import { judge as standard_sudoku } from './standard_sudoku';
import { judge as letter_logic_diagram } from './letter_logic_diagram';
import { judge as game24 } from './game24';
import { judge as combinatorial_calculation } from './combinatorial_calculation';
import { judge as eight_queens } from './eight_queens';
import { judge as logic_puzzle } from './logic_puzzle';
import { judge as permutations_and_combinations } from './permutations_and_combinations';
import { judge as constrained_linear_arrangement } from './constrained_linear_arrangement';

export type { BenchRecord, Verdict } from './types';

/** Scores one response (a string or the loop's structured form) to one question. Never throws. */
export type Scorer = (record: BenchRecord, response: unknown) => Verdict;

const JUDGES: Record<string, Judge> = {
  '2048': judge2048,
  cryptanalysis,
  mahjong_pattern,
  matrix_transformation,
  pattern_recognition,
  statistical_counting,
  string_insertion,
  string_deletion_and_modification,
  string_splitting,
  string_synthesis,
  pooling,
  new_operator,
  light_puzzles,
  reversi,
  synthesis_decomposition,
  standard_sudoku,
  letter_logic_diagram,
  game24,
  combinatorial_calculation,
  eight_queens,
  logic_puzzle,
  permutations_and_combinations,
  constrained_linear_arrangement,
};

/** Task name -> scorer, for every task this module knows. */
export const scorers: Readonly<Record<string, Scorer>> = Object.fromEntries(
  Object.entries(JUDGES).map(([task, judge]) => [task, (record: BenchRecord, response: unknown) => scoreWith(judge, record, response)]),
);

/** The task names with a scorer, sorted. */
export const scoredTasks: readonly string[] = Object.keys(JUDGES).sort();

/** Scores `response` with the scorer of `record.task`; an unknown task is a wrong verdict with a reason. */
export function scoreResponse(record: BenchRecord, response: unknown): Verdict {
  if (typeof record !== 'object' || record === null) return { correct: false, extracted: null, reason: 'no benchmark record to score against' };
  const judge = Object.hasOwn(JUDGES, record.task) ? JUDGES[record.task] : undefined;
  if (!judge) return { correct: false, extracted: null, reason: `no scorer for task "${record.task}"` };
  return scoreWith(judge, record, response);
}

function scoreWith(judge: Judge, record: BenchRecord, response: unknown): Verdict {
  const extracted = extractAnswer(modelText(response));
  if (extracted === null) return { correct: false, extracted: null, reason: "no <<<answer>>> in the model's own text" };
  try {
    const judgement = judge(record, extracted);
    return judgement.correct ? { correct: true, extracted } : { correct: false, extracted, reason: judgement.reason ?? 'wrong answer' };
  } catch (err) {
    // Parse failures of the answer and unreadable records alike: wrong, with the reason, never thrown.
    const error = err as Error;
    return { correct: false, extracted, reason: error?.message ?? String(err) };
  }
}
