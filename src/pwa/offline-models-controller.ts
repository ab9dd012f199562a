import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelLocation } from '../models-cache/plan';
import { offlineReadyModels } from './offline-models';

/** A catalog entry as the app holds it: file locations may be unknown (then it needs the network). */
export interface OfflineCandidate {
  id: string;
  weightsUrl?: string;
  modelLibUrl?: string;
}

/**
 * Keeps, for the app root, which models can be offered right now: online, all of them; offline, only
 * those whose every file is cached (plus the current choice, so the picker is never empty and the model
 * panel can say why it cannot load). Re-reads the caches when the network comes or goes, and on
 * `refresh()` (after a download, a deletion, an eviction noticed elsewhere).
 *
 *     private readonly offline = new OfflineModelsController(this, () => this.model.catalog);
 *     ... .catalog=${this.offline.offered(this.model.modelId)} ...
 */
export class OfflineModelsController<T extends OfflineCandidate> implements ReactiveController {
  private online = typeof navigator === 'undefined' ? true : navigator.onLine;
  private ready = new Set<string>();
  private generation = 0;

  constructor(private readonly host: ReactiveControllerHost, private readonly entries: () => T[]) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('online', this.onNetwork);
    addEventListener('offline', this.onNetwork);
    void this.refresh();
  }

  hostDisconnected(): void {
    removeEventListener('online', this.onNetwork);
    removeEventListener('offline', this.onNetwork);
  }

  /** The entries to offer: all when online, else the fully cached ones and `currentId`. */
  offered(currentId?: string): T[] {
    const all = this.entries();
    if (this.online) return all;
    return all.filter((e) => this.ready.has(e.id) || e.id === currentId);
  }

  /** True when the model can load without the network. */
  isCached(id: string): boolean {
    return this.ready.has(id);
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const located = this.entries().filter((e): e is T & ModelLocation => Boolean(e.weightsUrl && e.modelLibUrl));
    const choices = await offlineReadyModels(located, false).catch(() => []);
    if (generation !== this.generation) return; // a newer refresh won
    this.ready = new Set(choices.filter((c) => c.usable).map((c) => c.entry.id));
    this.host.requestUpdate();
  }

  private onNetwork = (): void => {
    this.online = navigator.onLine;
    this.host.requestUpdate();
    void this.refresh();
  };
}
