import { createCatalogBackend } from './catalog-backend';
import type { ModelBackend } from './model-backend';

/** The model backend in use. */
export function createModelBackend(): ModelBackend {
  return createCatalogBackend(location.href);
}
