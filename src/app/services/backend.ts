import { createInterimModelBackend } from '../adapters/interim-model-backend';
import type { ModelBackend } from './model-backend';

/** The model backend in use; swap the interim adapter for the real pieces here as they land. */
export function createModelBackend(): ModelBackend {
  return createInterimModelBackend();
}
