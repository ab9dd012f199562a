import { R1CI_3B } from '../../../models/r1ci.protocol';
import { newSession, type Session } from '../../../src/app/state/session';
import { summariseProtocol } from '../../../src/app/state/settings';

/** A fresh session at t=1000 for tests. */
export function makeSession(overrides: Partial<Session> = {}): Session {
  return {
    ...newSession({ id: 's1', question: 'What is 6*7? Return <<<n>>>.', source: { kind: 'model', modelId: 'r1ci-3b', label: 'R1-CI-3B' }, settings: summariseProtocol(R1CI_3B), now: 1000 }),
    ...overrides,
  };
}
