import type { GoldSpec } from './types';
import { spec as spec2048 } from './2048';
import * as simple from './simple';
import * as grids from './grids';
import * as expressions from './expressions';
import * as rules from './rules';

/** Gold-answer builders by task name. */
export const GOLD_SPECS: Record<string, GoldSpec> = {
  '2048': spec2048,
  ...simple,
  ...grids,
  game24: expressions.game24,
  combinatorial_calculation: expressions.combinatorial_calculation,
  eight_queens: rules.eight_queens,
  logic_puzzle: rules.logic_puzzle,
  permutations_and_combinations: rules.permutations_and_combinations,
  constrained_linear_arrangement: rules.constrained_linear_arrangement,
};
