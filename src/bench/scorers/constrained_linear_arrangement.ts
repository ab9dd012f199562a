/**
 * constrained_linear_arrangement: from the cards you played and each round's result, deduce the cards
 * the opponent played, as a list of letters (`<<<A,B,C>>>`; `ABC` and quoted letters read the same). The rounds often leave several answers
 * open (a win with the Elephant allows six opponent pieces), so the answer is checked against the rules:
 * one card per round, each card at most once, each from the game's set, and each round's result as the
 * game decides it.
 *
 * How each game decides (read from the question, checked against every stored answer):
 * - Stick, Tiger, Chicken (A-D): each card beats the next in the cycle A>B>C>D>A; the same card or two
 *   cards facing each other across the cycle (A/C, B/D) draw. The question's "one step apart" can only
 *   mean the latter, since neighbours are the pairs that beat each other.
 * - Jungle chess (A-H, Elephant largest): the larger piece wins, equal pieces draw, the Mouse (H) beats
 *   the Elephant (A).
 * - Five elements (A-E): the question's wording (your card generating the other's loses, overcoming it
 *   wins, in either direction) makes a draw possible only with the same card, and most stored answers
 *   break it; the generator only looked at your card acting on the opponent's. Both readings are
 *   accepted, each applied to the whole answer: the wording because the model is told it, the
 *   generator's because the published accuracy counted its answers.
 */
import { splitCells, tokens } from './parse';
import { ScoreError, wrong, RIGHT, type Judge } from './types';

type Outcome = 'win' | 'loss' | 'draw';
/** The result for you playing `mine` against the opponent's `theirs`. */
type Referee = (mine: string, theirs: string) => Outcome;

const GENERATES: Record<string, string> = { A: 'B', B: 'C', C: 'D', D: 'E', E: 'A' };
const OVERCOMES: Record<string, string> = { A: 'C', C: 'E', E: 'B', B: 'D', D: 'A' };

const elementsAsGenerated: Referee = (mine, theirs) =>
  GENERATES[mine] === theirs ? 'loss' : OVERCOMES[mine] === theirs ? 'win' : 'draw';

const elementsAsWorded: Referee = (mine, theirs) => {
  if (GENERATES[mine] === theirs || OVERCOMES[theirs] === mine) return 'loss';
  if (OVERCOMES[mine] === theirs || GENERATES[theirs] === mine) return 'win';
  return 'draw';
};

const stickGame: Referee = (mine, theirs) => {
  const cycle = 'ABCD';
  const step = (cycle.indexOf(theirs) - cycle.indexOf(mine) + 4) % 4;
  return step === 1 ? 'win' : step === 3 ? 'loss' : 'draw';
};

const jungle: Referee = (mine, theirs) => {
  if (mine === theirs) return 'draw';
  if (mine === 'H' && theirs === 'A') return 'win';
  if (mine === 'A' && theirs === 'H') return 'loss';
  return mine < theirs ? 'win' : 'loss'; // A is the largest piece
};

interface Game {
  cards: string;
  readings: Referee[];
}

function gameOf(question: string): Game {
  if (/five-element/i.test(question)) return { cards: 'ABCDE', readings: [elementsAsGenerated, elementsAsWorded] };
  if (/Stick, Tiger, Chicken/i.test(question)) return { cards: 'ABCD', readings: [stickGame] };
  if (/Jungle Chess/i.test(question)) return { cards: 'ABCDEFGH', readings: [jungle] };
  throw new ScoreError('unknown game in the question');
}

/** The rounds of the question: your card and the result, in order. */
export function roundsOf(question: string): { mine: string; result: Outcome }[] {
  const rounds = [...question.matchAll(/Round \d+:\s*([A-Z]),\s*(win|loss|draw)/gi)].map((m) => ({
    mine: m[1].toUpperCase(),
    result: m[2].toLowerCase() as Outcome,
  }));
  if (rounds.length === 0) throw new ScoreError('cannot find the rounds in the question');
  return rounds;
}

export const judge: Judge = (record, answer) => {
  const game = gameOf(record.question);
  const rounds = roundsOf(record.question);
  const theirs = splitCells(tokens(answer), /^[A-Z]+$/i).map((card) => card.toUpperCase());
  if (theirs.length !== rounds.length) return wrong(`expected ${rounds.length} cards, got ${theirs.length}`);
  const unknown = theirs.find((card) => !game.cards.includes(card) || card.length !== 1);
  if (unknown) return wrong(`"${unknown}" is not a card of this game`);
  if (new Set(theirs).size !== theirs.length) return wrong('a card is played twice');
  const fits = (referee: Referee) => rounds.every((round, i) => referee(round.mine, theirs[i]) === round.result);
  if (game.readings.some(fits)) return RIGHT;
  const i = rounds.findIndex((round, k) => game.readings[0](round.mine, theirs[k]) !== round.result);
  return wrong(`round ${i + 1}: ${rounds[i].mine} against ${theirs[i]} is not a ${rounds[i].result}`);
};
