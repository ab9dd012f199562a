/**
 * An in-memory stand-in for the Cache API (`globalThis.caches`), enough for web-llm's ArtifactCache and
 * the app's store: open, match, put, add, keys, delete. Records every key looked up, per scope.
 */
export class FakeCaches {
  readonly scopes = new Map<string, Map<string, { body: Uint8Array; headers: [string, string][] }>>();
  readonly lookups: { scope: string; op: string; url: string }[] = [];

  async open(scope: string) {
    if (!this.scopes.has(scope)) this.scopes.set(scope, new Map());
    const store = this.scopes.get(scope)!;
    const urlOf = (req: RequestInfo | URL) => (typeof req === 'string' ? new URL(req).href : req instanceof URL ? req.href : req.url);
    const log = (op: string, url: string) => this.lookups.push({ scope, op, url });
    return {
      match: async (req: RequestInfo | URL) => {
        const url = urlOf(req);
        log('match', url);
        const hit = store.get(url);
        return hit ? new Response(hit.body.slice(), { headers: hit.headers }) : undefined;
      },
      put: async (req: RequestInfo | URL, res: Response) => {
        const url = urlOf(req);
        log('put', url);
        store.set(url, { body: new Uint8Array(await res.arrayBuffer()), headers: [...res.headers] });
      },
      add: async (req: RequestInfo | URL) => {
        throw new Error(`fake cache: web-llm tried to fetch ${urlOf(req)} (not in the cache)`);
      },
      keys: async () => [...store.keys()].map((url) => new Request(url)),
      delete: async (req: RequestInfo | URL) => {
        const url = urlOf(req);
        log('delete', url);
        return store.delete(url);
      },
    };
  }

  async delete(scope: string) {
    return this.scopes.delete(scope);
  }

  /** Every key stored, as "scope url". */
  allKeys(): string[] {
    return [...this.scopes].flatMap(([scope, store]) => [...store.keys()].map((url) => `${scope} ${url}`)).sort();
  }

  install(): void {
    (globalThis as { caches?: unknown }).caches = this;
  }
}
