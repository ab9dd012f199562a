/**
 * A cheap check that a model's weights are hosted where the catalog says: fetch `mlc-chat-config.json`
 * (about 2 kB) and check it is one. On a fresh deploy R1-CI's folder is empty, and the UI says so up front
 * instead of failing in the middle of a download.
 */
import { fetchBase, CHAT_CONFIG_FILE } from './keys';
import type { ModelLocation } from './plan';
import { parseChatConfig } from './plan';

export type WeightsProbe =
  | { status: 'hosted'; url: string }
  /** HTTP 404 (or an HTML page instead of JSON, as single-page hosts send for any path). */
  | { status: 'missing'; url: string; message: string }
  /** Offline, server unreachable, CORS refusal, or another HTTP error. */
  | { status: 'unreachable'; url: string; message: string };

export async function probeWeights(model: ModelLocation, signal?: AbortSignal, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<WeightsProbe> {
  const url = new URL(CHAT_CONFIG_FILE, fetchBase(model.weightsUrl)).href;
  let response: Response;
  try {
    response = await fetchImpl(url, { signal, cache: 'no-store' });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    return { status: 'unreachable', url, message: `Could not reach ${url} (offline, or the server does not allow this page to download from it).` };
  }
  if (response.status === 404 || response.status === 410) {
    return { status: 'missing', url, message: `The weights of ${model.id} are not hosted at ${fetchBase(model.weightsUrl)} (no ${CHAT_CONFIG_FILE} there). See models/README.md to put them there, or choose another model.` };
  }
  if (!response.ok) return { status: 'unreachable', url, message: `${url} answered HTTP ${response.status}.` };
  try {
    parseChatConfig(await response.text(), url);
  } catch {
    return { status: 'missing', url, message: `${url} is not an MLC mlc-chat-config.json (the host sent something else, probably a web page): the weights of ${model.id} are not hosted there.` };
  }
  return { status: 'hosted', url };
}
