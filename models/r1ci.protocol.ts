import type { ProtocolRecord } from './protocol';

/**
 * R1-Code-Interpreter's harness as described in ../shared/R1CI-PROTOCOL.md.
 * Values marked (inferred) there are kept here, and only here, so they stay easy to change.
 */
const INSTRUCTION =
  'The User asks a question, and you solve it. You first generate the reasoning and thinking process and\n' +
  'then provide the User with the final answer.\n' +
  '\n' +
  'During the thinking process, **you can generate python code** for efficient searching, optimization, and computing with the format of starting the python block\n' +
  'with ```python. **A code query must involve only a single script that uses \u2018print\u2019\n' +
  'function for the output.**. Once the code script is complete, stop the generation. Then, the code\n' +
  'interpreter platform will execute the code and return the execution output and error. Once you feel you are\n' +
  'ready for the final answer, directly return the answer with the format <<<answer content>>> at the end\n' +
  'of your response. Otherwise, you can continue your reasoning process and possibly generate more code\n' +
  'query to solve the problem.';

/** Qwen2.5-Instruct's generation_config.json, with the paper's inference temperature. */
const QWEN25_SAMPLING = { temperature: 0.6, topP: 0.8, topK: 20, repetitionPenalty: 1.05 };

const QWEN25_EOS = [
  { id: 151645, text: '<|im_end|>' },
  { id: 151643, text: '<|endoftext|>' },
];

/** The protocol shared by every R1-CI size; per-model records override what differs. */
export const R1CI_BASE: Omit<ProtocolRecord, 'id' | 'displayName'> = {
  systemMessage: 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.', // (inferred)
  instruction: INSTRUCTION,
  questionJoiner: '\n', // (inferred)
  questionSuffix: '',
  chatml: { imStart: '<|im_start|>', imEnd: '<|im_end|>' },
  fence: { runnableLanguages: ['python', 'py'], marker: '```' },
  results: {
    prefix: '\nCode Execution Results: ', // (inferred)
    suffix: '\n', // (inferred)
    maxChars: 2000, // (inferred)
    truncationNote: '\n... [output truncated: {omitted} more characters]', // (inferred)
    timeoutMessage: 'TimeoutExpired: Command timed out after {seconds} seconds',
    crashMessage: 'RuntimeError: the Python runtime crashed ({reason}); it was restarted',
  },
  timeLimitSeconds: 60,
  maxCodeCalls: 8,
  sampling: QWEN25_SAMPLING,
  maxNewTokens: 4096,
  // WebLLM quotes memory at a 4k context; the token budget alone is 4k, so prompt + rounds + results need more.
  contextWindow: 8192, // (inferred)
  eos: QWEN25_EOS,
  answer: { open: '<<<', close: '>>>' },
};

export const R1CI_3B: ProtocolRecord = {
  id: 'r1ci-3b',
  displayName: 'R1-Code-Interpreter-3B',
  ...R1CI_BASE,
};

/**
 * Stock Qwen2.5-Instruct fallbacks run the very same harness (they were not trained on it, so expect
 * lower accuracy); their sampling defaults are Qwen's own generation_config (temperature 0.7).
 */
export function stockQwenProtocol(id: string, displayName: string): ProtocolRecord {
  return { id, displayName, ...R1CI_BASE, sampling: { ...QWEN25_SAMPLING, temperature: 0.7 } };
}
