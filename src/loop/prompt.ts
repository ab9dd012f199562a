import type { ProtocolRecord } from '../../models/protocol';

/**
 * The ChatML prompt the model continues: Qwen2.5's chat template applied to the protocol's system
 * message and one user message (instruction, joiner, question), ending with the opened assistant turn.
 * Every later round continues this same assistant message.
 */
export function buildPrompt(protocol: ProtocolRecord, question: string): string {
  const { imStart, imEnd } = protocol.chatml;
  const user = protocol.instruction + protocol.questionJoiner + question + protocol.questionSuffix;
  return (
    `${imStart}system\n${protocol.systemMessage}${imEnd}\n` +
    `${imStart}user\n${user}${imEnd}\n` +
    `${imStart}assistant\n`
  );
}
