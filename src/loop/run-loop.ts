// Placeholder signature; the implementation lands with the fence detector. Do not depend on internals.
import type { ProtocolRecord } from '../../models/protocol';
import type { Engine } from '../engines/engine';
import type { PythonRunner } from '../python/runner';
import type { LoopEvent, LoopOutcome } from './events';

export interface LoopOptions {
  /** The effective protocol: the model's record with the user's settings applied. */
  protocol: ProtocolRecord;
  engine: Engine;
  python: PythonRunner;
  question: string;
  signal?: AbortSignal;
  onEvent?: (event: LoopEvent) => void;
}

export declare function runLoop(options: LoopOptions): Promise<LoopOutcome>;
